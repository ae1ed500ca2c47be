"""The annual report of a government whose tree holds 100,000 requests: how long ``compute_report``
takes (scope tree), against a baseline of one grouped COUNT(*) over the same rows.

    .venv/bin/python -m bench.annual_report_bench [--requests N] [--runs R] [--database-url URL]

The database is built once (``generate --agencies 600 --staff 60 --requests N --prefix ANNUAL``, then
one reconsideration or lawsuit for about one request in a hundred) and kept for later runs: SQLite in
``var/bench/annual-report-<N>.sqlite3``, or, with ``--database-url``, a PostgreSQL database on this
machine whose name starts with ``sunshine_bench``. The report is computed for the root government
with every agency below it, for the last full year of the generated requests (received from 1 January
2024 up to the reference day, so the year has requests carried over and carried forward).

Figures: the median (and min / max) of ``--runs`` timed calls after one warm-up, the number of SQL
queries one call makes, the same for the baseline (``values("applicant_kind").annotate(Count("id"))``
over the tree's requests, the least any table 3 needs), and their ratio. Target: ≤ 1 s. Written to
``bench/results/annual-report-<engine>.json`` (or ``--output``) and printed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.http_bench import BenchError
from bench.request_queue_bench import (
    BENCH_DIR,
    ROOT,
    analyse,
    check_postgres_url,
    configure,
    ensure_postgres_database,
)

PREFIX = "ANNUAL"
AGENCIES = 600
STAFF = 60
SEED = 20261202
REVIEW_SHARE = 0.01
TARGET_SECONDS = 1.0
RESULTS_DIR = ROOT / "bench" / "results"


def sqlite_path(requests: int) -> Path:
    return BENCH_DIR / f"annual-report-{requests}.sqlite3"


def generated() -> tuple[int, datetime.date | None]:
    """(requests in the database, reference day of the generated ones) — (0, None) when empty."""
    from sunshine.agencies.models import Agency
    from sunshine.core.models import AuditEntry
    from sunshine.inforequests.models import InfoRequest

    if not Agency.objects.filter(code__startswith=f"{PREFIX}-").exists():
        return 0, None
    entry = AuditEntry.objects.filter(action="generate.agencies").order_by("-id").first()
    summary = (entry.after or {}).get("requests") if entry else None
    today = datetime.date.fromisoformat(summary["today"]) if summary and summary.get("today") else None
    return InfoRequest.objects.count(), today


def add_reviews(share: float) -> int:
    """Reconsiderations and lawsuits for about ``share`` of the concluded requests, filed after the
    reply, some decided and some still pending (bulk insert: the bench needs rows, not audit)."""
    from sunshine.inforequests.codes import ReviewKind, ReviewResult
    from sunshine.inforequests.models import InfoRequest, Review

    rng = random.Random(SEED)
    rows = []
    concluded = InfoRequest.objects.filter(concluded_on__isnull=False).values_list("id", "concluded_on")
    for pk, day in concluded.iterator(chunk_size=5000):
        if rng.random() >= share or not isinstance(day, datetime.date):
            continue
        filed: datetime.date = day + datetime.timedelta(days=rng.randrange(5, 60))
        result = rng.choice(ReviewResult.values)
        decided = (
            filed + datetime.timedelta(days=rng.randrange(30, 90)) if result != ReviewResult.PENDING else None
        )
        rows.append(
            Review(
                request_id=pk,
                kind=rng.choice(ReviewKind.values),
                filed_on=filed,
                result=result,
                decided_on=decided,
            )
        )
    Review.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def build(requests: int) -> float:
    from django.core.management import call_command

    began = time.perf_counter()
    call_command(
        "generate",
        agencies=AGENCIES,
        staff=STAFF,
        requests=requests,
        prefix=PREFIX,
        seed=SEED,
        stdout=sys.stderr,
    )
    add_reviews(REVIEW_SHARE)
    return time.perf_counter() - began


def timed(call: Callable[[], Any], runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()  # warm-up, and the queries one call makes
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - began)
    return {
        "runs": runs,
        "median_ms": round(statistics.median(seconds) * 1000, 2),
        "min_ms": round(min(seconds) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2),
        "queries": len(captured.captured_queries),
    }


def run(requests: int, runs: int, database_url: str | None, *, rebuild: bool = False) -> dict[str, Any]:
    if requests < 1 or runs < 1:
        raise BenchError("--requests and --runs must be positive")
    if database_url:
        version = ensure_postgres_database(database_url, drop=rebuild)
        engine, where = (
            f"PostgreSQL {version}",
            f"{urlsplit(database_url).hostname}/{check_postgres_url(database_url)[1]}",
        )
        url = database_url
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = sqlite_path(requests)
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        engine, where = f"SQLite {sqlite3.sqlite_version}", str(path.relative_to(ROOT))
    configure(url)
    from django.core.management import call_command
    from django.db.models import Count

    call_command("migrate", interactive=False, verbosity=0)
    count, today = generated()
    built_seconds = None
    if count != requests or today is None:
        if count:
            raise BenchError(f"{where} holds {count} requests, not {requests}: run again with --rebuild")
        print(f"building {requests:,} requests in {where} (once) …", file=sys.stderr, flush=True)
        built_seconds = round(build(requests), 1)
        analyse()
        count, today = generated()
    assert today is not None

    from sunshine.agencies.models import Agency
    from sunshine.annualreports.report import Scope, compute_report
    from sunshine.inforequests.models import InfoRequest, Review

    root = Agency.objects.get(code__startswith=f"{PREFIX}-", parent=None)
    year = today.year - 1
    tree_requests = InfoRequest.objects.filter(agency__path__startswith=root.path)

    def report() -> Any:
        return compute_report(root, year, Scope.TREE)

    def baseline() -> Any:
        return list(tree_requests.order_by().values("applicant_kind").annotate(n=Count("id")))

    measured = timed(report, runs)
    base = timed(baseline, runs)
    figures = report()
    applications = figures.applications
    return {
        "status": "ok",
        "database": {
            "engine": engine,
            "where": where,
            "requests": count,
            "requests_in_tree": tree_requests.count(),
            "reviews": Review.objects.count(),
            "built_in_seconds": built_seconds,
        },
        "agency": root.code,
        "year": year,
        "scope": "tree",
        "report": measured,
        "baseline": {**base, "what": "one COUNT(*) grouped by applicant kind over the tree's requests"},
        "ratio_vs_baseline": round(measured["median_ms"] / base["median_ms"], 2)
        if base["median_ms"]
        else None,
        "target_seconds": TARGET_SECONDS,
        "meets_target": measured["median_ms"] <= TARGET_SECONDS * 1000,
        "checks_ok": figures.ok,
        "table_3_totals": {
            "new_this_year": applications["new_this_year"]["total"],
            "carried_over": applications["carried_over"]["total"],
            "handled": applications["total"]["total"],
            "carried_to_next_year": applications["carried_to_next_year"]["total"],
        },
        "table_4_total": sum(cells["total"] for cells in figures.reviews.values()),
    }


def default_output(database_url: str | None) -> Path:
    return RESULTS_DIR / f"annual-report-{'postgresql' if database_url else 'sqlite'}.json"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.annual_report_bench", description=__doc__)
    parser.add_argument(
        "--requests", type=int, default=100_000, help="requests in the tree (default 100,000)"
    )
    parser.add_argument("--runs", type=int, default=7, help="timed calls (default 7)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL instead of SQLite: postgres://postgres@127.0.0.1:5432/sunshine_bench_annual (kept)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the database again from scratch")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the figures (default bench/results/annual-report-<engine>.json)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    try:
        result = run(arguments.requests, arguments.runs, arguments.database_url, rebuild=arguments.rebuild)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2)
    output = arguments.output or default_output(arguments.database_url)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
