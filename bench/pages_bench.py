"""The pages readers land on, side by side in one run, against two Django yardsticks (issue #17).

    .venv/bin/python -m bench.pages_bench [--database-url URL] [--seconds S] [--rounds R]
                                          [--threads T] [--connections C] [--workers W] [--output FILE]

1. A fresh database (SQLite in a temporary directory, or a PostgreSQL database created and dropped
   here: ``http_bench.postgres_database``), migrated and filled with the demo data
   (``http_bench.prepare_database``) and the demo records (``demo_records``), as ``make demo`` does.
2. In a subprocess configured like the server: the category with the most published records, the
   newest record, and a search word found in many titles.
3. gunicorn (``http_bench``: bench.settings, production middleware, sync workers) and a load generator
   (``wrk`` when it is installed, with ``--threads`` threads and ``--connections`` connections, as the
   issue measured; else the threaded client of ``http_bench``), all URLs interleaved round after
   round:

   - ``/bench/minimal``: the cheapest Django response, through the full middleware;
   - ``/bench/category/<code>/<key>/``: a plain Django list page, 20 rows from one ORM query;
   - the stored home page and category listing, a record page, its print view (anonymous readers:
     answered from the store kept per generation of public content);
   - the search page with a word (searched, rendered in full for every reader).

   Targets: the stored pages and the record page ≥ 1.0 × the minimal view, the search page ≥ 0.3 ×
   the 20-row list page.

Every figure comes back as JSON; ``run(options)`` returns it as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.http_bench import (
    HOST,
    BenchError,
    ServerConfig,
    get,
    gunicorn,
    manage,
    measure,
    postgres_database,
    prepare_database,
    server_environment,
    sqlite_database,
)

ROOT = Path(__file__).resolve().parent.parent
STORED_TARGET = 1.0  # × the minimal view
SEARCH_TARGET = 0.3  # × the 20-row list page
STORED_NAMES = ("home", "category", "record", "record_print")
WORDS = ("通知", "公开", "工作", "关于", "政府", "管理")

# Run by ``manage.py shell`` on the benchmark's database: what to ask for.
PICK = f"""
import json
from django.db.models import Count
from sunshine.records.selectors import published_records
rows = published_records()
by_category = rows.order_by().values("record__agency__code", "category__key").annotate(n=Count("id"))
biggest = by_category.order_by("-n").first()
newest = rows.order_by("-published_at", "-pk").values_list("record__index_number", flat=True).first()
words = {{w: rows.filter(title__contains=w).count() for w in {WORDS!r}}}
print(json.dumps({{"agency": biggest["record__agency__code"], "key": biggest["category__key"],
    "category_records": biggest["n"], "record": newest, "word": max(words, key=words.get),
    "word_titles": max(words.values()), "published_records": rows.count()}}))
"""


@dataclass
class PagesOptions:
    seconds: float = 5.0
    rounds: int = 2
    threads: int = 2
    connections: int = 32
    warmup: float = 1.0
    database_url: str | None = None
    server: ServerConfig = field(default_factory=ServerConfig)


def pick(env: dict[str, str]) -> dict[str, Any]:
    output = manage(env, "shell", "-c", PICK).stdout.strip().splitlines()[-1]
    picked: dict[str, Any] = json.loads(output)
    if not picked.get("record"):
        raise BenchError("the demo data has no published record")
    return picked


def urls_for(picked: dict[str, Any]) -> dict[str, str]:
    code, key = picked["agency"], picked["key"]
    record = quote(picked["record"], safe="/")
    return {
        "minimal": "/bench/minimal",
        "list_20_rows": f"/bench/category/{code}/{key}/",
        "home": "/",
        "category": f"/agencies/{code}/categories/{key}/",
        "record": f"/records/{record}/",
        "record_print": f"/records/{record}/print/",
        "search": f"/search/?q={quote(picked['word'])}",
    }


# --- wrk ---------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return round(float(match.group(1)) * _UNITS[match.group(2)], 2) if match else 0.0


def wrk_once(port: int, url: str, options: PagesOptions, seconds: float) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    assert wrk is not None
    command = [wrk, f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds:g}s", "--latency"]
    result = subprocess.run(
        [*command, f"http://{HOST}:{port}{url}"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {url}: {result.stderr[-2000:]}")
    text = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    p50 = re.search(r"\s50%\s+(\S+)", text)
    p99 = re.search(r"\s99%\s+(\S+)", text)
    return {
        "requests_per_second": float(rate.group(1)) if rate else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        "p50_ms": _ms(p50.group(1)) if p50 else 0.0,
        "p99_ms": _ms(p99.group(1)) if p99 else 0.0,
    }


def measure_with_wrk(port: int, urls: list[str], options: PagesOptions) -> dict[str, dict[str, Any]]:
    """Interleaved like ``http_bench.measure``: round 1 loads each URL in turn, then round 2 …"""
    for url in urls:
        wrk_once(port, url, options, options.warmup)
    runs: dict[str, list[dict[str, Any]]] = {url: [] for url in urls}
    for _ in range(options.rounds):
        for url in urls:
            runs[url].append(wrk_once(port, url, options, options.seconds))
    results = {}
    for url, rows in runs.items():
        rates = [row["requests_per_second"] for row in rows]
        results[url] = {
            "requests_per_second": round(sum(rates) / len(rates), 1),
            "requests_per_second_by_round": rates,
            "requests": sum(row["requests"] for row in rows),
            "p50_ms": max(row["p50_ms"] for row in rows),
            "p99_ms": max(row["p99_ms"] for row in rows),
            "errors": sum(row["non_2xx"] + row["socket_errors"] for row in rows),
        }
    return results


# --- The run -----------------------------------------------------------------------------------


def _ratio(results: dict[str, dict[str, Any]], name: str, baseline: str) -> float | None:
    base = results[baseline]["requests_per_second"]
    return round(results[name]["requests_per_second"] / base, 3) if base else None


def run(options: PagesOptions) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sunshine-bench-pages-") as directory:
        work = Path(directory)
        databases = postgres_database(options.database_url) if options.database_url else sqlite_database(work)
        with databases as database:
            env = server_environment(database, work)
            seeded_with = prepare_database(env)
            manage({**env, "DEBUG": "1"}, "demo_records")  # as `make demo` loads them
            seeded_with += " + demo_records"
            picked = pick(env)
            urls = urls_for(picked)
            with gunicorn(env, options.server, work) as port:
                for name, url in urls.items():
                    status, body = get(port, url, timeout=60)
                    if status != 200:
                        raise BenchError(f"GET {url} ({name}) answered {status}: {body[:300]!r}")
                print(f"pages: measuring {len(urls)} pages …", file=sys.stderr, flush=True)
                if shutil.which("wrk"):
                    client = {
                        "program": "wrk",
                        "threads": options.threads,
                        "connections": options.connections,
                    }
                    by_url = measure_with_wrk(port, list(urls.values()), options)
                else:
                    client = {"program": "threaded http.client", "threads": options.threads * 2}
                    by_url = measure(
                        port,
                        list(urls.values()),
                        rounds=options.rounds,
                        seconds=options.seconds,
                        concurrency=options.threads * 2,
                        warmup=options.warmup,
                    )
                load_average = [round(value, 1) for value in os.getloadavg()]
    results = {name: {"url": url, **by_url[url]} for name, url in urls.items()}
    for name, row in results.items():
        row["ratio_vs_minimal"] = _ratio(results, name, "minimal")
        row["ratio_vs_list_20_rows"] = _ratio(results, name, "list_20_rows")
    meets = {
        **{
            f"{name}_vs_minimal": (results[name]["ratio_vs_minimal"] or 0) >= STORED_TARGET
            for name in STORED_NAMES
        },
        "search_vs_list_20_rows": (results["search"]["ratio_vs_list_20_rows"] or 0) >= SEARCH_TARGET,
    }
    return {
        "status": "ok",
        "server": {
            "program": "gunicorn",
            "worker_class": options.server.worker_class,
            "workers": options.server.workers,
            "settings": "bench.settings (production settings and middleware, DEBUG=0, plain HTTP)",
        },
        "client": {
            **client,
            "rounds": options.rounds,
            "seconds_per_url_per_round": options.seconds,
            "warmup_seconds_per_url": options.warmup,
        },
        "database": {"engine": database.engine, "where": database.label, "data": seeded_with},
        # The machine's load when the measuring ended (1, 5, 15 minutes): other work skews the figures.
        "load_average": load_average,
        "picked": picked,
        "pages": results,
        "targets": {"stored_and_record_vs_minimal": STORED_TARGET, "search_vs_list_20_rows": SEARCH_TARGET},
        "meets_targets": meets,
    }


def markdown(report: dict[str, Any]) -> str:
    if report.get("status") != "ok":
        return f"# The pages readers land on\n\nNot measured: {report.get('error')}\n"
    client, server, picked = report["client"], report["server"], report["picked"]
    lines = [
        "# The pages readers land on",
        "",
        f"- database: {report['database']['engine']} ({report['database']['data']}: "
        f"{picked['published_records']} published records)",
        f"- server: {server['program']}, {server['workers']} {server['worker_class']} workers, "
        f"{server['settings']}",
        f"- client: {client['program']}, {client.get('threads')} threads"
        + (f", {client['connections']} connections" if "connections" in client else "")
        + f", {client['rounds']} rounds × {client['seconds_per_url_per_round']} s a page, interleaved",
        f"- load average at the end (1, 5, 15 min): {report.get('load_average', '?')} "
        f"on {os.cpu_count()} cores",
        f"- category: {picked['agency']} / {picked['key']} ({picked['category_records']} records); "
        f"search word: {picked['word']} ({picked['word_titles']} titles)",
        "",
        "| page | URL | req/s | × minimal | × 20-row list | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in report["pages"].items():
        lines.append(
            f"| {name} | `{row['url']}` | {row['requests_per_second']:,.0f} | {row['ratio_vs_minimal']} | "
            f"{row['ratio_vs_list_20_rows']} | {row['p50_ms']} | {row.get('p99_ms', row.get('p95_ms'))} | "
            f"{row['errors']} |"
        )
    lines += ["", "Targets (issue #17):", ""]
    for name, met in report["meets_targets"].items():
        lines.append(f"- {name.replace('_', ' ')}: {'met' if met else 'NOT met'}")
    return "\n".join(lines) + "\n"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pages_bench", description=__doc__)
    parser.add_argument("--database-url", help="a fresh PostgreSQL database (created and dropped)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per URL per round (default 5)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over the URLs (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--output", type=Path, help="write the JSON here (and the table beside it as .md)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    options = PagesOptions(
        seconds=arguments.seconds,
        rounds=arguments.rounds,
        threads=arguments.threads,
        connections=arguments.connections,
        warmup=min(1.0, arguments.seconds),
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
