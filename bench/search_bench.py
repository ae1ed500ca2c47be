"""Search on a million published records: indexing time, segmenter throughput, query latency.

    .venv/bin/python -m bench.search_bench [--records N] [--runs R] [--workers W]
                                            [--database-url URL] [--rebuild] [--output FILE]

1. Makes ``--records`` synthetic records (default 1,000,000): Chinese titles and texts put together
   from word lists of government business (topics, actions, places, genres) with a fixed seed, so
   every run makes the same records; about two in five carry a document number.
2. Segmenter: tokens per second of ``sunshine.search.segment`` on a sample of those records, beside
   jieba's own ``cut_for_search`` on the same sample (one core, this process).
3. Index: ``services.reindex(records, workers=W)`` into an empty index, the segmentation spread over
   W forked processes (default: every core) while this process writes. Target: 1,000,000 in
   ≤ 10 minutes. The database is kept for later runs (SQLite ``var/bench/search-<N>.sqlite3``, or a
   PostgreSQL database on this machine named ``sunshine_bench…``); ``--rebuild`` builds it again.
4. Search: a fixed list of queries (words of every frequency, two-word queries, document numbers,
   filters, date order, no-match), each run ``--runs`` times through ``get_backend().search()``
   and, interleaved, as the raw engine query: the very SQL statements the backend runs for it,
   executed on the cursor and fetched, without segmenting, snippets or hits. Targets: p95 of the
   backend ≤ 1.5 × p95 of the raw query, and ≤ 100 ms.

The figures come back as JSON (``--output FILE``, or printed); ``run(args)`` returns them as a dict.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.http_bench import BenchError, percentile
from bench.request_queue_bench import check_postgres_url, configure, ensure_postgres_database
from sunshine.demo.synthetic.text import (
    ABBREVIATIONS,
    ACTIONS,
    AGENCIES,
    GENRES_ZH,
    PLACES,
    TOPIC_CUMULATIVE,
    TOPICS,
)
from sunshine.demo.synthetic.text import sentence as _sentence

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
SEED = 20261122
SAMPLE_FOR_SEGMENTER = 5000
INDEX_TARGET_SECONDS_PER_MILLION = 600.0
RATIO_TARGET = 1.5
P95_TARGET_MS = 100.0

# --- Word lists (shared with ``generate --records``) -------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


CATEGORIES = _words(
    "policy finance planning personnel news annual_report interpretation law_enforcement "
    "procurement statistics emergency public_service"
)
VALIDITY = ("valid",) * 17 + ("expired", "repealed", "revised")
LAWS = _words(
    "中华人民共和国政府信息公开条例 中华人民共和国预算法 中华人民共和国教育法 中华人民共和国安全生产法 "
    "中华人民共和国环境保护法 中华人民共和国社会保险法 优化营商环境条例 社会救助暂行办法"
)
SUBUNITS = _words("区县人民政府 市直各部门 各乡镇人民政府 各街道办事处 各有关单位 各学校 各医疗机构")
MEASURES = _words("项 个 万元 亿元 户 人 公里 亩 所 家")
AGENCY_COUNT = 600
START_DATE = datetime.date(2016, 1, 1)
DAYS = (datetime.date(2026, 10, 31) - START_DATE).days


def make_record(number: int) -> Any:
    """Record ``number`` (1-based) of the synthetic catalogue; the same for the same number."""
    from sunshine.search.documents import SearchDocument

    rng = random.Random(SEED * 1_000_003 + number)
    genre = rng.choice(tuple(GENRES_ZH))
    genre_zh = GENRES_ZH[genre]
    topic = rng.choices(TOPICS, cum_weights=TOPIC_CUMULATIVE)[0]
    place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
    published = START_DATE + datetime.timedelta(days=rng.randrange(DAYS))
    layout = rng.randrange(4)
    if layout == 0:
        title = f"关于{rng.choice(ACTIONS)}{topic}工作的{genre_zh}"
    elif layout == 1:
        title = f"{place}{agency}关于印发《{place}{topic}{genre_zh}》的通知"
    elif layout == 2:
        title = f"{published.year}年{place}{topic}{genre_zh}"
    else:
        title = f"{place}{agency}{rng.choice(ACTIONS)}{topic}"
    body = "".join(_sentence(rng, topic, genre_zh) for _ in range(rng.randrange(4, 11)))
    document_number = ""
    if rng.random() < 0.4:
        # Unique: the record's number is the sequence, spread over abbreviations and years.
        abbreviation = ABBREVIATIONS[number % len(ABBREVIATIONS)]
        document_number = f"{abbreviation}发〔{published.year}〕{number // len(ABBREVIATIONS) + 1}号"
    agency_id = 1 + number % AGENCY_COUNT
    district = 2 + agency_id % 12
    return SearchDocument(
        key=f"record:{number}",
        title=title,
        body=body,
        document_number=document_number,
        agency_id=agency_id,
        agency_path=f"/1/{district}/{agency_id + 100}/",
        category=rng.choice(CATEGORIES),
        genre=genre,
        published_on=published,
        validity=rng.choice(VALIDITY),
        url=f"/records/{number}/",
    )


def records(count: int) -> Iterator[Any]:
    for number in range(1, count + 1):
        yield make_record(number)


# --- Queries ----------------------------------------------------------------------------------------


def queries(count: int) -> list[tuple[str, dict[str, Any]]]:
    """The fixed list: (label, SearchQuery keyword arguments)."""
    out: list[tuple[str, dict[str, Any]]] = []
    # Single topics from the most to the least frequent, and two-character words.
    for rank in (0, 1, 2, 3, 5, 8, 12, 17, 23, 30, 40, 52, 66, 82, 100, 120, 140, 160, 175, 185):
        out.append(("word", {"text": TOPICS[rank % len(TOPICS)]}))
    for word in ("预算", "教育", "医疗", "住房", "交通", "安全", "养老", "救助", "招聘", "采购"):
        out.append(("two characters", {"text": word}))
    # Two words, and a word with a place.
    for first, second in (
        ("义务教育", "资金"),
        ("财政预算", "公开"),
        ("食品安全", "监管"),
        ("养老服务", "社区"),
        ("乡村振兴", "农村公路"),
    ):
        out.append(("two words", {"text": f"{first} {second}"}))
    for place, topic in (("东城区", "垃圾分类"), ("临江县", "防汛抗旱"), ("阳光市", "营商环境")):
        out.append(("place and word", {"text": f"{place}{topic}"}))
    # Document numbers of existing records (typed with other brackets), and one that does not exist.
    numbers: list[str] = []
    number = 7
    while len(numbers) < 5 and number < count + 1:
        record = make_record(number)
        if record.document_number:
            numbers.append(record.document_number.replace("〔", "[").replace("〕", "]"))
        number += max(1, count // 50)
    out.extend(("document number", {"text": typed}) for typed in numbers)
    out.append(("document number", {"text": "阳政发〔2031〕9999999号"}))
    # Filters.
    out.append(("agency filter", {"text": "安全生产", "agency_path_prefix": "/1/5/"}))
    out.append(("agency filter", {"text": "政务公开", "agency_path_prefix": "/1/7/"}))
    out.append(("category filter", {"text": "财政预算", "category": "finance"}))
    out.append(("genre filter", {"text": "教育", "genre": "notice"}))
    out.append(("validity filter", {"text": "行政处罚", "validity": "repealed"}))
    out.append(
        (
            "date filter",
            {
                "text": "疫苗接种",
                "date_from": datetime.date(2021, 1, 1),
                "date_to": datetime.date(2021, 12, 31),
            },
        )
    )
    # Newest first, and later pages.
    for text in ("财政预算", "社会救助", "一网通办", "人才引进"):
        out.append(("date order", {"text": text, "order": "date"}))
    out.append(("page 5", {"text": "乡村振兴", "page": 5}))
    out.append(("page 5", {"text": "就业创业", "page": 5, "order": "date"}))
    # Nothing to find.
    out.append(("no match", {"text": "量子计算"}))
    out.append(("no match", {"text": "火星探测 登月"}))
    return out


# --- Measurements -----------------------------------------------------------------------------------


def measure_segmenter(sample: int) -> dict[str, Any]:
    import jieba

    from sunshine.search import segment

    documents = [make_record(number) for number in range(1, sample + 1)]
    texts = [f"{document.title} {document.body}" for document in documents]
    characters = sum(len(text) for text in texts)
    segment.dictionary()
    segment._route_short_run.cache_clear()
    segment._search_short_run.cache_clear()
    began = time.process_time()
    produced = sum(len(segment.tokens(text)) for text in texts)
    ours = time.process_time() - began
    reference = jieba.Tokenizer()
    reference.initialize()
    began = time.process_time()
    for text in texts:
        list(reference.cut_for_search(text))
    theirs = time.process_time() - began
    return {
        "sample_records": sample,
        "characters_per_record": round(characters / sample, 1),
        "tokens_per_record": round(produced / sample, 1),
        "characters_per_cpu_second": round(characters / ours),
        "records_per_cpu_second": round(sample / ours),
        "jieba_cut_for_search_characters_per_cpu_second": round(characters / theirs),
        "speedup_vs_jieba_cut_for_search": round(theirs / ours, 2),
    }


def build(count: int, workers: int) -> dict[str, Any]:
    from sunshine.search import services

    print(f"indexing {count:,} records with {workers} segmenting processes …", file=sys.stderr, flush=True)
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    report = services.reindex(records(count), batch_size=2000, workers=workers, replace_all=True)
    began = time.perf_counter()
    analyse()
    analysed = time.perf_counter() - began
    seconds = report.seconds + analysed
    own_after, children_after = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        # CPU the run got (the database server's not counted): less than 2 × seconds when other
        # work shared the machine.
        "cpu_seconds_this_process": round(
            own_after.ru_utime + own_after.ru_stime - own.ru_utime - own.ru_stime, 1
        ),
        "cpu_seconds_segmenting_processes": round(
            children_after.ru_utime + children_after.ru_stime - children.ru_utime - children.ru_stime, 1
        ),
        "records": report.documents,
        "workers": report.workers,
        "seconds": round(seconds, 1),
        "records_per_second": round(report.documents / seconds),
        "analyse_seconds": round(analysed, 1),
        "target_seconds": round(INDEX_TARGET_SECONDS_PER_MILLION * count / 1_000_000, 1),
    }


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def database_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return int(cursor.fetchone()[0])


def time_queries(
    count: int, runs: int, query_list: list[tuple[str, dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """Each query (default: ``queries(count)``) through the backend and as the raw engine query."""
    from django.db import connection

    from sunshine.search.backends import get_backend, parse
    from sunshine.search.documents import SearchQuery

    backend = get_backend()
    rows: list[dict[str, Any]] = []
    ours_all: list[float] = []
    raw_all: list[float] = []
    for label, arguments in queries(count) if query_list is None else query_list:
        query = SearchQuery(**arguments)
        parsed = parse(query)
        exact = backend.exact_statement(query, parsed)
        page = backend.search(query)  # warm-up; also gives the number of exact rows
        exact_found = 0
        if exact is not None:
            with connection.cursor() as cursor:
                cursor.execute(exact.sql, exact.params)
                exact_found = len(cursor.fetchall())
        statements = backend.statements(query, parsed, exact_found)
        plan = [
            statement
            for statement in (
                exact,
                statements.page if exact_found < query.offset + query.page_size else None,
                statements.count,
            )
            if statement is not None
        ]

        def raw(plan: list[Any] = plan) -> None:
            with connection.cursor() as cursor:
                for statement in plan:
                    cursor.execute(statement.sql, statement.params)
                    cursor.fetchall()

        raw()
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):
            began = time.perf_counter()
            raw()
            theirs.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            backend.search(query)
            ours.append((time.perf_counter() - began) * 1000)
        ours_all += ours
        raw_all += theirs
        rows.append(
            {
                "label": label,
                "query": {key: str(value) for key, value in arguments.items()},
                "total": page.total,
                "median_ms": round(percentile(ours, 0.5), 2),
                "raw_median_ms": round(percentile(theirs, 0.5), 2),
            }
        )
    p95, raw_p95 = percentile(ours_all, 0.95), percentile(raw_all, 0.95)
    p50, raw_p50 = percentile(ours_all, 0.5), percentile(raw_all, 0.5)
    return {
        "queries": len(rows),
        "runs_per_query": runs,
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(ours_all), 2),
        "raw_p50_ms": round(raw_p50, 2),
        "raw_p95_ms": round(raw_p95, 2),
        "ratio_p50": round(p50 / raw_p50, 3) if raw_p50 else None,
        "ratio_p95": round(p95 / raw_p95, 3) if raw_p95 else None,
        "by_query": rows,
    }


# --- The run ------------------------------------------------------------------------------------------


def sqlite_path(count: int) -> Path:
    return BENCH_DIR / f"search-{count}.sqlite3"


def indexed_records() -> int:
    from sunshine.search.backends import get_backend

    backend = get_backend()
    entries = backend.entry_count()
    return entries if entries == backend.fulltext_count() else -1


def run(args: argparse.Namespace) -> dict[str, Any]:
    count, runs = args.records, args.runs
    workers = args.workers or os.cpu_count() or 1
    if count < 100 or runs < 1:
        raise BenchError("--records must be at least 100 and --runs positive")
    if args.database_url:
        version = ensure_postgres_database(args.database_url, drop=args.rebuild)
        engine = f"PostgreSQL {version}"
        where = f"{urlsplit(args.database_url).hostname}/{check_postgres_url(args.database_url)[1]}"
        url = args.database_url
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = sqlite_path(count)
        if args.rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine, where, url = (
            f"SQLite {sqlite3.sqlite_version}",
            str(path.relative_to(ROOT)),
            f"sqlite:///{path}",
        )
    configure(url)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    segmenter = measure_segmenter(min(SAMPLE_FOR_SEGMENTER, count))
    built = None
    present = indexed_records()
    if present != count:
        if present > 0 and not args.database_url:
            raise BenchError(f"{where} holds {present} entries, not {count}: run again with --rebuild")
        built = build(count, workers)
    search = time_queries(count, runs)
    index_ok = built["seconds"] <= built["target_seconds"] if built else None
    return {
        "status": "ok",
        "database": {
            "engine": engine,
            "where": where,
            "records": indexed_records(),
            "size_bytes": database_size(),
        },
        "machine_cpu_count": os.cpu_count(),
        "segmenter": segmenter,
        "index": built or {"status": "built by an earlier run (use --rebuild to measure it again)"},
        "search": {**search, "target_ratio_p95": RATIO_TARGET, "target_p95_ms": P95_TARGET_MS},
        "meets_targets": {
            "index_time": index_ok,
            "ratio_p95": search["ratio_p95"] is not None and search["ratio_p95"] <= RATIO_TARGET,
            "p95_ms": search["p95_ms"] <= P95_TARGET_MS,
        },
    }


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench", description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000, help="records to index (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--workers", type=int, default=0, help="segmenting processes (default: every core)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="PostgreSQL instead of SQLite: postgres://postgres@127.0.0.1:5432/sunshine_bench_search",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the index again from scratch")
    parser.add_argument(
        "--output", type=Path, help="write the figures to this JSON file (default: print them)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        result = run(arguments)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
