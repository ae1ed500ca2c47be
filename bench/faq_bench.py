"""Searching 10,000 common questions: latency of ``sunshine.faq.search.find``.

    .venv/bin/python -m bench.faq_bench [--entries N] [--runs R] [--database-url URL] [--output FILE]

The database is built once and kept: SQLite ``var/bench/faq-<N>.sqlite3``, or, with
``--database-url``, a PostgreSQL database on this machine whose name starts with ``sunshine_bench``.
It holds ``--entries`` questions (default 10,000) of 20 agencies, written from the demo word lists
with a fixed seed (question: a topic and what people ask about it; answer: three to six sentences of
official text); nine in ten are published and valid, the rest drafts or expired.

Each query of a fixed list (common and rare words, two words, an agency filter, no match, and the
list without words) is timed ``--runs`` times after one warm-up, through ``search.find`` as the API
calls it (segmenting the query, the full-text statement, the count, reading the entries back,
highlighting). Target: p95 ≤ 50 ms over all timed calls.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.http_bench import BenchError, percentile
from bench.request_queue_bench import BENCH_DIR, ROOT, check_postgres_url, configure, ensure_postgres_database

PREFIX = "FAQBENCH"
AGENCIES = 20
SEED = 20261207
P95_TARGET_MS = 50.0
RESULTS_DIR = ROOT / "bench" / "results"
ASKED = (
    "如何申请{topic}？",
    "{topic}需要准备哪些材料？",
    "{topic}的办理时限是多久？",
    "{place}{topic}在哪里办理？",
    "{topic}政策有哪些变化？",
    "办理{topic}可以网上申请吗？",
)
QUERIES: tuple[tuple[str, bool], ...] = (  # (words, filtered by one agency)
    ("义务教育", False),
    ("申请", False),
    ("材料", False),
    ("最低生活保障 材料", False),
    ("住房公积金 网上", False),
    ("办理时限", True),
    ("殡葬", False),
    ("量子计算机", False),
    ("", True),
    ("", False),
)


def build(entries: int) -> None:
    """Agencies and questions, written in bulk (the search words computed as the service does)."""
    from django.utils import timezone

    from sunshine.agencies import services as agency_services
    from sunshine.agencies.models import Agency, AgencyKind
    from sunshine.demo.synthetic.text import PLACES, TOPICS, sentence
    from sunshine.faq.models import Entry, Status
    from sunshine.faq.search import entry_tokens

    rng = random.Random(SEED)
    root = agency_services.create_agency(
        by=None, code=PREFIX, kind=AgencyKind.GOVERNMENT, name="基准市人民政府"
    )
    agencies = [root] + [
        agency_services.create_agency(
            by=None, code=f"{PREFIX}-{n}", kind=AgencyKind.DEPARTMENT, name=f"基准市第{n}局", parent=root
        )
        for n in range(1, AGENCIES)
    ]
    today = timezone.localdate()
    now = timezone.now()
    batch: list[Entry] = []
    for n in range(entries):
        topic = rng.choice(TOPICS)
        question = rng.choice(ASKED).format(topic=topic, place=rng.choice(PLACES))
        answer = "".join(sentence(rng, topic, "通知") for _ in range(rng.randrange(3, 7)))
        kind = rng.random()
        status = Status.DRAFT if kind < 0.05 else Status.PUBLISHED
        valid_until = today - datetime.timedelta(days=30) if 0.05 <= kind < 0.1 else None
        question_tokens, answer_tokens = entry_tokens(question, answer)
        batch.append(
            Entry(
                agency=agencies[n % len(agencies)],
                question=question,
                answer=answer,
                category=topic,
                status=status,
                valid_until=valid_until,
                published_at=now if status == Status.PUBLISHED else None,
                question_tokens=question_tokens,
                answer_tokens=answer_tokens,
            )
        )
        if len(batch) == 1000:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)
    assert Agency.objects.filter(code__startswith=PREFIX).count() == AGENCIES


def measure(runs: int) -> dict[str, Any]:
    from sunshine.agencies.models import Agency
    from sunshine.faq import search

    agency = Agency.objects.get(code=f"{PREFIX}-3")
    per_query: list[dict[str, Any]] = []
    everything: list[float] = []
    for words, filtered in QUERIES:
        chosen = agency if filtered else None
        found = search.find(q=words, agency=chosen)  # warm-up
        timings: list[float] = []
        for _ in range(runs):
            began = time.perf_counter()
            search.find(q=words, agency=chosen)
            timings.append((time.perf_counter() - began) * 1000)
        everything += timings
        per_query.append(
            {
                "q": words,
                "agency": chosen.code if chosen else None,
                "matches": found.count,
                "p50_ms": round(percentile(timings, 0.5), 2),
                "p95_ms": round(percentile(timings, 0.95), 2),
                "max_ms": round(max(timings), 2),
            }
        )
    p95 = percentile(everything, 0.95)
    return {
        "queries": per_query,
        "p50_ms": round(percentile(everything, 0.5), 2),
        "p95_ms": round(p95, 2),
        "target_p95_ms": P95_TARGET_MS,
        "meets_target": p95 <= P95_TARGET_MS,
    }


def run(entries: int, runs: int, database_url: str | None) -> dict[str, Any]:
    if database_url:
        check_postgres_url(database_url)
        server = ensure_postgres_database(database_url)
        url, engine = database_url, f"postgresql {server}"
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        url, engine = f"sqlite:///{BENCH_DIR / f'faq-{entries}.sqlite3'}", "sqlite"
    configure(url)
    from django.core.management import call_command
    from django.db import connection

    from sunshine.faq.models import Entry

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    built = False
    if not Entry.objects.filter(agency__code__startswith=PREFIX).exists():
        build(entries)
        built = True
    build_seconds = round(time.perf_counter() - began, 1) if built else None
    if connection.vendor == "postgresql":  # what autovacuum does on a live site after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "status": "ok",
        "engine": engine,
        "database": urlsplit(url).path.rsplit("/", 1)[-1],
        "entries": Entry.objects.count(),
        "runs_per_query": runs,
        "build_seconds": build_seconds,
        **measure(runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faq_bench", description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url")
    parser.add_argument("--output", type=Path)
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.entries, arguments.runs, arguments.database_url)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if result.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
