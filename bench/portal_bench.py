"""Public record pages on many generated records: category listings, cached pages, import, search.

    .venv/bin/python -m bench.portal_bench [--records N] [--database-url URL] [--output FILE]
                                           [--seconds S] [--rounds R] [--threads T] [--workers W]

1. A fresh database (SQLite in a temporary directory, or a PostgreSQL database created and dropped
   here: ``http_bench.postgres_database``), migrated, then ``generate --agencies 1000 --staff 20
   --records N``: the time of the command, of its insert phase and of its index phase (with the CPU
   spent reading/writing and segmenting) as the command prints them. Then ``ANALYZE``.
2. In a subprocess configured like the server: the category with the most records (an agency's
   work news, the biggest listing there is), a few document numbers, the segmenter's throughput
   (``search_bench.measure_segmenter``) and the search timing of ``search_bench.time_queries`` on
   the generated records (its word, two-word, place, order, paging and no-match queries, with
   document numbers and filters taken from these records): p95 of the backend against the raw
   engine statements.
3. gunicorn (``http_bench``: bench.settings, sync workers) and the threaded client, all URLs of a
   phase interleaved round after round, in two phases on two servers:

   - rendered in full (``BENCH_CACHE=no-pages``: no page is kept; the counts a page shows stay kept
     per generation of public content, as in production): the category listing, page 1 and a deep
     page (50, or the last), against ``/bench/category/<code>/<key>/``, the same 20 rows from one
     ORM query in a minimal template (target: ≥ 0.8 × its requests per second);
   - the production configuration: the home page, the category pages, the agency and category
     feeds and the sitemap index as anonymous readers get them (kept on the server, answered by
     ``StoredPublicPageMiddleware``), against ``/bench/minimal`` (target: ≥ 1 ×), with their
     Cache-Control (``public``, no cookie: a shared cache may keep them too).

Every figure comes back as JSON; ``run(options)`` returns it as a dict.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.http_bench import (
    HOST,
    BenchError,
    ServerConfig,
    get,
    gunicorn,
    manage,
    measure,
    postgres_database,
    server_environment,
    sqlite_database,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
PAGE_RATIO_TARGET = 0.8
CACHED_RATIO_TARGET = 1.0
IMPORT_TARGET_SECONDS_PER_MILLION = 600.0
DEEP_PAGE = 50
GENERATE_TIMEOUT = 6 * 3600
SEARCH_LABELS = ("word", "two characters", "two words", "place and word", "date order", "page 5", "no match")


@dataclass
class PortalOptions:
    records: int = 20_000
    agencies: int = 1000
    seconds: float = 3.0
    rounds: int = 3
    concurrency: int = 4
    warmup: float = 1.0
    search_runs: int = 5
    database_url: str | None = None
    server: ServerConfig = field(default_factory=ServerConfig)


# --- Generation ----------------------------------------------------------------------------------


def _seconds(pattern: str, text: str) -> float | None:
    match = re.search(pattern, text)
    return float(match.group(1)) if match else None


def generate(env: dict[str, str], options: PortalOptions) -> dict[str, Any]:
    began = time.perf_counter()
    result = manage(
        env,
        "generate",
        "--agencies",
        str(options.agencies),
        "--staff",
        "20",
        "--prefix",
        "BENCH",
        "--records",
        str(options.records),
        timeout=GENERATE_TIMEOUT,
    )
    seconds = time.perf_counter() - began
    out = result.stdout
    measured = _seconds(r"Import and index: ([\d.]+) s", out)
    target = IMPORT_TARGET_SECONDS_PER_MILLION * options.records / 1_000_000
    return {
        "command": f"generate --agencies {options.agencies} --staff 20 --prefix BENCH "
        f"--records {options.records}",
        "records": options.records,
        "seconds_total": round(seconds, 1),
        "insert_and_index_seconds": measured,
        "write_seconds": _seconds(r", ([\d.]+) s of it writing", out),
        "cpu_seconds_planning_and_writing": _seconds(r"CPU ([\d.]+) s planning", out),
        "cpu_seconds_composing_and_segmenting": _seconds(r"([\d.]+) s composing and segmenting\.", out),
        "workers": int(_seconds(r"; (\d+) process\(es\) composing", out) or 0),
        "target_seconds": round(target, 1),
        "meets_target": bool(measured is not None and measured <= target),
        "output": out.strip().splitlines(),
    }


# --- Inspection and search (in a subprocess configured like the server) -------------------------


def inspect_database(search_runs: int) -> dict[str, Any]:
    """Runs inside Django: ANALYZE, the biggest category, segmenter, search timing."""
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from bench import search_bench
    from sunshine.agencies.models import Agency
    from sunshine.records.models import Revision
    from sunshine.records.selectors import published_records

    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    analysed = time.perf_counter() - began
    total = published_records().count()
    biggest = (
        published_records()
        .order_by()
        .values("record__agency__code", "category__key")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if biggest is None:
        raise BenchError("no published records were generated")
    agency = Agency.objects.get(code=biggest["record__agency__code"])
    city = Agency.objects.filter(parent=agency, kind="government").order_by("sort_order", "code").first()
    numbered = Revision.objects.filter(status="published").exclude(document_number="").order_by("pk")
    first_pk = numbered.values_list("pk", flat=True).first() or 0
    last_pk = Revision.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    span = max(1, last_pk - first_pk) // 5
    numbers = [
        number
        for number in (
            numbered.filter(pk__gte=first_pk + i * span).values_list("document_number", flat=True).first()
            for i in range(5)
        )
        if number
    ]
    query_list: list[tuple[str, dict[str, Any]]] = [
        (label, arguments) for label, arguments in search_bench.queries(100) if label in SEARCH_LABELS
    ]
    query_list += [("document number", {"text": n.replace("〔", "[").replace("〕", "]")}) for n in numbers]
    query_list.append(("document number", {"text": "阳政发〔2031〕9999999号"}))
    query_list += [
        ("agency filter", {"text": "安全生产", "agency_path_prefix": agency.path}),
        ("agency filter", {"text": "政务公开", "agency_path_prefix": (city or agency).path}),
        ("category filter", {"text": "财政预算", "category": "budget"}),
        ("genre filter", {"text": "教育", "genre": "notice"}),
        ("validity filter", {"text": "行政处罚", "validity": "repealed"}),
    ]
    segmenter = search_bench.measure_segmenter(2000)
    timing = search_bench.time_queries(total, search_runs, query_list)
    return {
        "published_records": total,
        "analyse_seconds": round(analysed, 1),
        "biggest_category": {
            "agency": agency.code,
            "agency_name": agency.name,
            "key": biggest["category__key"],
        },
        "biggest_category_records": biggest["n"],
        "segmenter": segmenter,
        "search": {
            **timing,
            "target_ratio_p95": search_bench.RATIO_TARGET,
            "target_p95_ms": search_bench.P95_TARGET_MS,
            "meets_targets": {
                "ratio_p95": timing["ratio_p95"] is not None
                and timing["ratio_p95"] <= search_bench.RATIO_TARGET,
                "p95_ms": timing["p95_ms"] <= search_bench.P95_TARGET_MS,
            },
        },
    }


def inspect(env: dict[str, str], work: Path, search_runs: int) -> dict[str, Any]:
    output = work / "inspect.json"
    command = [sys.executable, "-m", "bench.portal_bench", "--inspect", "--runs", str(search_runs)]
    result = subprocess.run(
        [*command, "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if result.returncode != 0 or not output.exists():
        raise BenchError(f"inspecting the database failed:\n{result.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


# --- HTTP ----------------------------------------------------------------------------------------


def headers(port: int, url: str) -> dict[str, Any]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        return {
            "status": response.status,
            "cache_control": response.getheader("Cache-Control", ""),
            "sets_cookie": bool(response.getheader("Set-Cookie")),
        }
    finally:
        connection.close()


def shared_cacheable(row: dict[str, Any]) -> bool:
    control = row["cache_control"]
    return (
        row["status"] == 200 and "public" in control and "private" not in control and not row["sets_cookie"]
    )


def urls_for(code: str, key: str, deep: int) -> dict[str, str]:
    return {
        "minimal": "/bench/minimal",
        "category_page_1": f"/agencies/{code}/categories/{key}/",
        "baseline_page_1": f"/bench/category/{code}/{key}/",
        "category_deep_page": f"/agencies/{code}/categories/{key}/?page={deep}",
        "baseline_deep_page": f"/bench/category/{code}/{key}/?page={deep}",
        "home": "/",
        "agency_feed": f"/agencies/{code}/feed.rss",
        "category_feed": f"/agencies/{code}/categories/{key}/feed.rss",
        "sitemap": "/sitemap.xml",
    }


UNCACHED_NAMES = ("minimal", "category_page_1", "baseline_page_1", "category_deep_page", "baseline_deep_page")


def measure_server(
    env: dict[str, str], options: PortalOptions, work: Path, urls: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(figures by URL, headers by name) of these URLs on a gunicorn started with ``env``."""
    with gunicorn(env, options.server, work) as port:
        seen = {}
        for name, url in urls.items():
            status, body = get(port, url, timeout=120)  # the first answer also fills caches
            if status != 200:
                log = (work / "gunicorn.log").read_text(encoding="utf-8", errors="replace")[-4000:]
                raise BenchError(f"GET {url} answered {status}: {body[:300]!r}\ngunicorn's log:\n{log}")
            seen[name] = headers(port, url)
        print(f"portal: measuring {len(urls)} pages …", file=sys.stderr, flush=True)
        measured = measure(
            port,
            list(urls.values()),
            rounds=options.rounds,
            seconds=options.seconds,
            concurrency=options.concurrency,
            warmup=options.warmup,
        )
    return measured, seen


def _ratio(results: dict[str, dict[str, Any]], url: str, baseline: str) -> float | None:
    base = results[baseline]["requests_per_second"]
    return round(results[url]["requests_per_second"] / base, 3) if base else None


def run(options: PortalOptions) -> dict[str, Any]:
    if options.records < 100:
        raise BenchError("--records must be at least 100")
    with tempfile.TemporaryDirectory(prefix="sunshine-bench-portal-") as directory:
        work = Path(directory)
        databases = postgres_database(options.database_url) if options.database_url else sqlite_database(work)
        with databases as database:
            env = server_environment(database, work)
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            print(f"portal: generating {options.records:,} records …", file=sys.stderr, flush=True)
            generated = generate(env, options)
            print("portal: inspecting and timing search …", file=sys.stderr, flush=True)
            facts = inspect(env, work, options.search_runs)
            big = facts["biggest_category"]
            pages = max(1, -(-facts["biggest_category_records"] // 20))
            deep = min(DEEP_PAGE, pages)
            urls = urls_for(big["agency"], big["key"], deep)
            # Phase 1: pages rendered in full on every request (no stored pages; the counts they show
            # stay kept per generation), the category listing against its 20-row baseline.
            uncached_env = {**env, "BENCH_CACHE": "no-pages"}
            uncached_urls = {name: urls[name] for name in UNCACHED_NAMES}
            uncached, uncached_seen = measure_server(uncached_env, options, work, uncached_urls)
            # Phase 2: the production configuration, pages kept on the server, against the minimal view.
            cached, seen = measure_server(env, options, work, urls)
    measured = {**cached, **{f"uncached:{url}": row for url, row in uncached.items()}}
    for name in UNCACHED_NAMES:
        urls[f"uncached_{name}"] = f"uncached:{urls[name]}"
        seen[f"uncached_{name}"] = uncached_seen[name]
    results = {name: {"url": url, **measured[url], **seen[name]} for name, url in urls.items()}
    for row in results.values():
        row["shared_cacheable"] = shared_cacheable(row)
    pages_block = {
        "page_1": _ratio(measured, urls["uncached_category_page_1"], urls["uncached_baseline_page_1"]),
        "deep_page": _ratio(
            measured, urls["uncached_category_deep_page"], urls["uncached_baseline_deep_page"]
        ),
    }
    cached_names = (
        "agency_feed",
        "category_feed",
        "sitemap",
        "home",
        "category_page_1",
        "category_deep_page",
    )
    cached_block = {name: results[name]["ratio_vs_minimal"] for name in cached_names}
    return {
        "status": "ok",
        "database": {"engine": database.engine, "where": database.label},
        "machine_cpu_count": os.cpu_count(),
        "server": {
            "program": "gunicorn",
            "worker_class": options.server.worker_class,
            "workers": options.server.workers,
        },
        "client": {
            "threads": options.concurrency,
            "rounds": options.rounds,
            "seconds_per_url_per_round": options.seconds,
        },
        "cache_backend": "per-process memory (no REDIS_URL), as settings.py configures it without Redis",
        "generate": generated,
        **facts,
        "deep_page": deep,
        "pages": results,
        "ratios": {
            "category_vs_baseline": pages_block,
            "vs_minimal": cached_block,
            "target_category_vs_baseline": PAGE_RATIO_TARGET,
            "target_cached_vs_minimal": CACHED_RATIO_TARGET,
        },
        "meets_targets": {
            "category_page_1": (pages_block["page_1"] or 0) >= PAGE_RATIO_TARGET,
            "category_deep_page": (pages_block["deep_page"] or 0) >= PAGE_RATIO_TARGET,
            "server_cached_pages": all((cached_block[n] or 0) >= CACHED_RATIO_TARGET for n in cached_names),
            "html_pages_shared_cacheable": all(
                results[n]["shared_cacheable"] for n in ("home", "category_page_1", "category_deep_page")
            ),
            "import_and_index": generated["meets_target"],
            "search_ratio_p95": facts["search"]["meets_targets"]["ratio_p95"],
            "search_p95_ms": facts["search"]["meets_targets"]["p95_ms"],
        },
    }


# --- Report --------------------------------------------------------------------------------------


def _n(value: Any, digits: int = 0) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return "–" if value is None else str(value)


def markdown(report: dict[str, Any]) -> str:
    if report.get("status") != "ok":
        return f"## Portal on generated records\n\nNot measured: {report.get('error')}\n"
    gen, search, met = report["generate"], report["search"], report["meets_targets"]
    big = report["biggest_category"]
    lines = [
        "## Portal on generated records",
        "",
        f"{report['database']['engine']}, {_n(report['published_records'])} published records; biggest "
        f"category: {big['agency']} `{big['key']}` with {_n(report['biggest_category_records'])} records "
        f"(deep page: {report['deep_page']}).",
        "",
        "| import | seconds | target | met |",
        "| --- | ---: | ---: | --- |",
        f"| `{gen['command']}`: records written and put in the search index ({gen['workers']} processes "
        f"composing and segmenting; CPU {_n(gen['cpu_seconds_planning_and_writing'], 1)} s planning and "
        f"writing, {_n(gen['cpu_seconds_composing_and_segmenting'], 1)} s composing and segmenting; "
        f"{_n(gen['write_seconds'], 1)} s writing) | {_n(gen['insert_and_index_seconds'], 1)} "
        f"| ≤ {_n(gen['target_seconds'])} | {_n(met['import_and_index'])} |",
        "",
        "Pages marked *rendered in full* come from a server that keeps no page (``BENCH_CACHE=no-pages``: "
        "every request runs the view and renders the template; the counts shown stay kept per generation of "
        "public content); the others from the production configuration, pages kept on the server.",
        "",
        "| page | req/s | p50 ms | p95 ms | ratio | against | target | Cache-Control | sets cookie |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ]
    pages = report["pages"]
    ratios = report["ratios"]["category_vs_baseline"]
    rows = [
        ("uncached_category_page_1", ratios["page_1"], "uncached_baseline_page_1", "≥ 0.8"),
        ("uncached_category_deep_page", ratios["deep_page"], "uncached_baseline_deep_page", "≥ 0.8"),
        ("uncached_baseline_page_1", None, "", ""),
        ("uncached_baseline_deep_page", None, "", ""),
        ("uncached_minimal", pages["uncached_minimal"]["ratio_vs_minimal"], "", ""),
        ("category_page_1", pages["category_page_1"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("category_deep_page", pages["category_deep_page"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("agency_feed", pages["agency_feed"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("category_feed", pages["category_feed"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("sitemap", pages["sitemap"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("home", pages["home"]["ratio_vs_minimal"], "minimal", "≥ 1"),
        ("minimal", 1.0, "", ""),
    ]
    for name, ratio, against, target in rows:
        row = pages[name]
        url = row["url"].removeprefix("uncached:")
        shown = f"`{url}` (rendered in full)" if row["url"].startswith("uncached:") else f"`{url}`"
        lines.append(
            f"| {shown} | {_n(row['requests_per_second'], 1)} | {_n(row['p50_ms'], 1)} "
            f"| {_n(row['p95_ms'], 1)} | {_n(ratio, 3)} | {against} | {target} "
            f"| {row['cache_control'] or '–'} "
            f"| {'yes' if row['sets_cookie'] else 'no'} |"
        )
    lines += [
        "",
        f"Search on these records ({search['queries']} queries × {search['runs_per_query']} runs): p50 "
        f"{_n(search['p50_ms'], 1)} ms, p95 {_n(search['p95_ms'], 1)} ms; raw engine p95 "
        f"{_n(search['raw_p95_ms'], 1)} ms; ratio p95 {_n(search['ratio_p95'], 3)} (≤ 1.5: "
        f"{_n(met['search_ratio_p95'])}; p95 ≤ 100 ms: {_n(met['search_p95_ms'])}).",
        "",
    ]
    return "\n".join(lines)


# --- Command line --------------------------------------------------------------------------------


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.portal_bench", description=__doc__)
    parser.add_argument("--records", type=int, default=20_000, help="records to generate (default 20,000)")
    parser.add_argument("--agencies", type=int, default=1000, help="agencies to generate (default 1000)")
    parser.add_argument("--database-url", help="a fresh PostgreSQL database (created and dropped)")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per URL per round (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the URLs (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each search query (default 5)")
    parser.add_argument("--output", type=Path, help="write the JSON here (and the table beside it as .md)")
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)  # the subprocess of step 2
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.inspect:
        data = inspect_database(arguments.runs)
        arguments.output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
    options = PortalOptions(
        records=arguments.records,
        agencies=arguments.agencies,
        seconds=arguments.seconds,
        rounds=arguments.rounds,
        concurrency=arguments.threads,
        warmup=min(1.0, arguments.seconds),
        search_runs=arguments.runs,
        database_url=arguments.database_url,
        server=ServerConfig(workers=arguments.workers),
    )
    try:
        result = run(options)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
        arguments.output.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    else:
        print(text)
    print(markdown(result))
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
