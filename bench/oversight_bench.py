"""The oversight indicators of a month and the ranking page (issue #16) on generated data.

    .venv/bin/python -m bench.oversight_bench [--records N] [--requests M] [--agencies A] [--runs R]
        [--database-url URL] [--output FILE]

The database is built once and kept: SQLite ``var/bench/oversight-<A>-<N>-<M>.sqlite3``, or, with
``--database-url``, a PostgreSQL database on this machine whose name starts with ``sunshine_`` and
holds ``bench`` (``letters_bench.open_database``). It holds:

- ``generate --agencies A --requests M --prefix OVBENCH``: a province-like tree of A agencies with
  their standard catalogues (categories with their expected update intervals), a few staff, and M
  requests for information received from 2024 to the reference day with due dates from the
  working-day clock, about 3% of the replied ones late; the agencies and their categories are then
  dated 1 January 2025 (added long before the months measured, so that none is a newcomer);
- N published records (``write_records``, rows written with ``RowWriter``, no texts and no search
  entries: the indicators read neither), planned by the record generator's ``RecordFactory`` (agency
  by a Zipf-like weight over the tree, a standard category and genre, index number, document number,
  validity) over 2026 up to the day before the reference day, more of them towards its end; about
  ``LATE_SHARE`` formed 35–90 days before publication (so published after their due date of 20
  working days), ``UNDATED_SHARE`` without a date of formation (no due date), the rest formed in the
  25 days before; a share of the policy documents needs an interpretation and most of those get one
  later (an interpretation record pointing at it); ``WITHDRAWN_SHARE`` withdrawn since;
- reconsiderations and lawsuits for 1% of the concluded requests (``annual_report_bench.add_reviews``).

No letters, service cases, ratings or new-media accounts are generated: their indicators run their
grouped queries over empty tables (every agency gets 0 over 0), and the annual report indicator
counts nothing outside January and March.

Measured, in this order:

(a) ``oversight.services.compute(period=2026-11)`` for every agency and every indicator (what
    ``manage.py oversight_compute --period 2026-11`` runs), ``--compute-runs`` times, interleaved
    with the baseline: the rows each indicator reads counted with one plain grouped ``COUNT`` per
    table (the month's records, their first revisions, the categories, the replied requests, the
    decided reviews …), without the numerators' conditions, the subqueries or the snapshot writes.
    Target: ≤ 60 s. Then each indicator's ``counts`` alone, once, to show where the time goes, and
    ``compute`` of October and December (the other months of the quarter, as the nightly command
    leaves them);
(b) after ``ANALYZE`` (the snapshots' statistics, as autovacuum gathers them after a bulk write),
    an assessment scheme (``rankings.save_scheme``, every indicator with points) over the whole tree,
    and its staff ranking page ``/staff/oversight/rankings/<scheme>/?period=2026-11`` and
    ``?period=2026-Q4`` through Django's test client (every middleware, the session, the template)
    for the disclosure office of the root: the first view of each (which computes and stores the
    ranking from the snapshots) timed alone, then ``--runs`` rounds after three warm-up calls,
    interleaved with two yardsticks through the same client and session:
    - ``rankings.compute_ranking`` of the same period, the cost each view would pay if rankings
      were not stored (computed from the snapshots at every view, without the rendering);
    - the list of schemes, ``/staff/oversight/schemes/``: the same staff layout and navigation
      around a short list, what any staff page costs;
    - ``/bench/minimal``, the cheapest response through the same middleware.
    Target: p95 ≤ 300 ms.

The figures go to ``bench/results/oversight-<engine>-<N>.json`` and ``.md`` (or ``--output``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.http_bench import BenchError, percentile
from bench.letters_bench import open_database
from bench.request_queue_bench import ROOT, analyse

PREFIX = "OVBENCH"
SEED = 20261216
STAFF = 20
# The reference day of the data: records until the day before, requests received until it.
REFERENCE_DAY = datetime.date(2026, 12, 7)
FIRST_DAY = datetime.date(2026, 1, 1)
ADDED_ON = datetime.date(2025, 1, 1)  # when the agencies and their categories are dated
MONTH = "2026-11"
QUARTER = "2026-Q4"
OTHER_MONTHS = ("2026-10", "2026-12")  # the rest of the quarter
SCHEME_CODE = "ovbench"
LATE_SHARE = 0.08
UNDATED_SHARE = 0.03
NEEDS_INTERPRETATION_SHARE = 0.3  # of the records of policy categories
INTERPRETED_SHARE = 0.8  # of the interpretations: those that point at a record waiting for one
WITHDRAWN_SHARE = 0.01
REVIEW_SHARE = 0.01
BATCH = 5000
COMPUTE_TARGET_SECONDS = 60.0
PAGE_TARGET_P95_MS = 300.0
WARMUP_CALLS = 3
RESULTS = ROOT / "bench" / "results"


# --- The database --------------------------------------------------------------------------------


def _aware(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def build(records: int, requests: int, agencies: int) -> dict[str, Any]:
    """Fill the (empty, migrated) database; what it holds."""
    from django.core.management import call_command
    from django.db import transaction

    from bench.annual_report_bench import add_reviews
    from sunshine.agencies.models import Agency
    from sunshine.records.models import Category

    began = time.perf_counter()
    call_command(
        "generate",
        agencies=agencies,
        staff=STAFF,
        requests=requests,
        prefix=PREFIX,
        seed=SEED,
        today=REFERENCE_DAY,
        stdout=sys.stderr,
    )
    generated = time.perf_counter() - began
    tree = Agency.objects.filter(code__startswith=f"{PREFIX}-")
    Agency.objects.filter(pk__in=tree.values("pk")).update(created_at=_aware(ADDED_ON))
    Category.objects.filter(agency__in=tree.values("pk")).update(created_at=_aware(ADDED_ON))
    began = time.perf_counter()
    with transaction.atomic():
        written = write_records(records, list(tree.order_by("code")))
    records_seconds = time.perf_counter() - began
    reviews = add_reviews(REVIEW_SHARE)
    return {
        "generate_seconds": round(generated, 1),
        "records_seconds": round(records_seconds, 1),
        "reviews": reviews,
        **written,
    }


def write_records(count: int, agencies: list[Any]) -> dict[str, int]:
    """``count`` published records over ``agencies`` (see the module's docstring); call inside a
    transaction. Answers how many are late, undated, waiting for an interpretation, interpreted and
    withdrawn."""
    from django.utils import timezone

    from sunshine.core.bulk import RowWriter
    from sunshine.demo.synthetic.records import (
        CATEGORY_PLANS,
        RecordFactory,
        _pairs,
        publication_moments,
    )
    from sunshine.demo.synthetic.text import GENRES_ZH
    from sunshine.records import catalogue
    from sunshine.records.categories import ensure_topics
    from sunshine.records.codes import Status
    from sunshine.records.models import Category, Record, Revision, Topic
    from sunshine.records.timeliness import publication_due
    from sunshine.workdays.calendar import current_calendar

    ensure_topics()
    ids = [a.pk for a in agencies]
    keys = {plan.key for plan in CATEGORY_PLANS}
    categories = {
        (agency_id, key): pk
        for agency_id, key, pk in Category.objects.filter(agency_id__in=ids, key__in=keys).values_list(
            "agency_id", "key", "pk"
        )
    }
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("code").values_list("pk", flat=True))
    factory = RecordFactory(
        agencies=agencies,
        seed=SEED,
        today=REFERENCE_DAY,
        categories=categories,
        topics=topics,
        counters={},
        taken=set(),
    )
    rng = random.Random(SEED)
    moments = publication_moments(count, FIRST_DAY, REFERENCE_DAY - datetime.timedelta(days=1), rng)
    names = {a.pk: a.name for a in agencies}
    calendar = current_calendar()
    dues: dict[datetime.date, datetime.date | None] = {}

    def due_after(formed: datetime.date) -> datetime.date | None:
        if formed not in dues:
            # Bulk rows carry no provisional mark: a due date on an estimate is left unknown.
            found = publication_due(formed, calendar)
            dues[formed] = found.date if found and not found.provisional else None
        return dues[formed]

    record_writer, revision_writer = RowWriter(Record), RowWriter(Revision)
    waiting: dict[int, list[int]] = defaultdict(list)  # agency → policy records awaiting an interpretation
    figures = {"late": 0, "undated": 0, "needing_interpretation": 0, "interpreted": 0, "withdrawn": 0}
    reference_end = _aware(REFERENCE_DAY)
    for start in range(0, count, BATCH):
        planned = []
        record_rows = []
        for moment in moments[start : start + BATCH]:
            skeleton = factory.plan(moment)
            plan = CATEGORY_PLANS[skeleton.plan]
            published_on = timezone.localdate(moment)
            formed: datetime.date | None = skeleton.formed
            due = skeleton.due_on
            draw = rng.random()
            if draw < LATE_SHARE:
                formed = published_on - datetime.timedelta(days=rng.randrange(35, 90))
                due = due_after(formed)
                figures["late"] += 1
            elif draw < LATE_SHARE + UNDATED_SHARE:
                formed, due = None, None
                figures["undated"] += 1
            planned.append((skeleton, plan, formed, due))
            record_rows.append(
                record_writer.values(
                    {
                        "agency_id": skeleton.agency_id,
                        "index_number": skeleton.index_number,
                        "first_published_at": moment,
                        "validity": skeleton.validity,
                        "validity_changed_on": skeleton.changed_on,
                        "created_at": moment - datetime.timedelta(days=1),
                    }
                )
            )
        record_writer.insert_values(record_rows)
        numbers = [skeleton.index_number for skeleton, *_ in planned]
        record_ids = dict(_pairs(Record, "index_number", "id", numbers))
        revision_rows = []
        for skeleton, plan, formed, due in planned:
            record_id = record_ids[skeleton.index_number]
            moment = skeleton.published
            needs = plan.policy and rng.random() < NEEDS_INTERPRETATION_SHARE
            interprets = None
            if plan.key == catalogue.POLICY_INTERPRETATION and rng.random() < INTERPRETED_SHARE:
                pending = waiting.get(skeleton.agency_id)
                if pending:
                    interprets = pending.pop(rng.randrange(len(pending)))
                    figures["interpreted"] += 1
            status, withdrawn = Status.PUBLISHED, None
            if rng.random() < WITHDRAWN_SHARE:
                withdrawn = moment + datetime.timedelta(days=rng.randrange(1, 60))
                if withdrawn < reference_end:
                    status = Status.WITHDRAWN
                    figures["withdrawn"] += 1
                else:
                    withdrawn = None
            genre = GENRES_ZH.get(skeleton.genre, "文件")
            revision_rows.append(
                revision_writer.values(
                    {
                        "record_id": record_id,
                        "number": 1,
                        "status": status,
                        "title": f"{names[skeleton.agency_id]}关于{skeleton.topic}工作的{genre}",
                        "category_id": skeleton.category_id,
                        "topic_id": skeleton.topic_id,
                        "genre": skeleton.genre,
                        "document_number": skeleton.document_number,
                        "formation_date": formed,
                        "due_on": due,
                        "needs_interpretation": needs,
                        "interprets_id": interprets,
                        "published_at": moment,
                        "withdrawn_at": withdrawn,
                        "created_at": moment - datetime.timedelta(days=1),
                        "updated_at": moment,
                        "submitted_at": moment - datetime.timedelta(hours=6),
                    }
                )
            )
            if needs:
                waiting[skeleton.agency_id].append(record_id)
                figures["needing_interpretation"] += 1
        revision_writer.insert_values(revision_rows)
        if (start // BATCH) % 40 == 39:
            print(f"  {start + BATCH:,} records …", file=sys.stderr, flush=True)
    return figures


def held() -> tuple[int, int, int]:
    """(agencies, records, requests) of the bench in the database."""
    from sunshine.agencies.models import Agency
    from sunshine.inforequests.models import InfoRequest
    from sunshine.records.models import Record

    tree = Agency.objects.filter(code__startswith=f"{PREFIX}-").count()
    return tree, Record.objects.count(), InfoRequest.objects.count()


def the_root() -> Any:
    from sunshine.agencies.models import Agency

    return Agency.objects.get(code__startswith=f"{PREFIX}-", parent=None)


def disclosure_office(root: Any) -> Any:
    """A person of the root's disclosure office (added once)."""
    from django.contrib.auth import get_user_model

    from sunshine.agencies.models import Membership, Role

    person, _ = get_user_model().objects.get_or_create(username=f"{PREFIX.lower()}-office")
    Membership.objects.get_or_create(user=person, agency=root, role=Role.DISCLOSURE_OFFICE)
    return person


def the_scheme(root: Any, office: Any) -> Any:
    """The bench's scheme (saved once): every indicator with points, its default direction and a
    plain target (0 for the lower-is-better shares, 100% for the others, 50 records a month)."""
    from sunshine.oversight.indicators import INDICATORS, LOWER_IS_BETTER
    from sunshine.oversight.models import AssessmentScheme
    from sunshine.oversight.rankings import ItemInput, save_scheme

    found = AssessmentScheme.objects.filter(code=SCHEME_CODE).order_by("-version").first()
    if found is not None:
        return found
    items = []
    for n, (code, indicator) in enumerate(INDICATORS.items()):
        lower = code in LOWER_IS_BETTER
        target = Decimal(50) if indicator.is_count else Decimal(0 if lower else 1)
        items.append(
            ItemInput(code, Decimal(5 + n % 4 * 5), "lower" if lower else "higher", target, 0 if lower else 1)
        )
    return save_scheme(
        by=office,
        code=SCHEME_CODE,
        name="基准省政务公开考核",
        root=root,
        scope="subtree",
        effective_from=FIRST_DAY,
        newcomer_months=3,
        items=items,
    )


# --- The measurements ----------------------------------------------------------------------------


def count_base_rows(month: Any) -> int:
    """The baseline of ``compute``: the rows the indicators read, counted per agency with one plain
    grouped COUNT per table (no numerator, subquery or snapshot); the number of rows read back."""
    from django.db.models import Count

    from sunshine.cases.models import Case
    from sunshine.evaluations.models import Evaluation
    from sunshine.inforequests.models import InfoRequest, Review
    from sunshine.letters.models import Letter, LetterRating
    from sunshine.records.models import Category, Record, Revision

    first, last = month.first, month.last
    queries: list[Any] = [
        Record.objects.filter(first_published_at__gte=month.start, first_published_at__lt=month.end).values(
            "agency_id"
        ),
        Revision.objects.filter(
            number=1, record__first_published_at__gte=month.start, record__first_published_at__lt=month.end
        ).values("record__agency_id"),
        Category.objects.filter(is_active=True, created_at__lt=month.end).values("agency_id"),
        InfoRequest.objects.filter(concluded_on__gte=first, concluded_on__lte=last).values("agency_id"),
        Review.objects.filter(decided_on__gte=first, decided_on__lte=last).values("request__agency_id"),
        Letter.objects.filter(replied_on__gte=first, replied_on__lte=last).values("agency_id"),
        LetterRating.objects.filter(rated_on__gte=first, rated_on__lte=last).values("letter__agency_id"),
        Case.objects.filter(decided_on__gte=first, decided_on__lte=last).values("agency_id"),
        Case.objects.filter(received_on__gte=first, received_on__lte=last).values("agency_id"),
        Evaluation.objects.filter(rated_on__gte=first, rated_on__lte=last).values("agency_id"),
    ]
    return sum(len(list(q.order_by().annotate(n=Count("pk")))) for q in queries)


def stats(times: list[float]) -> dict[str, Any]:
    return {
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": len(times),
    }


def interleaved(calls: dict[str, Callable[[], Any]], runs: int, warmup: int = WARMUP_CALLS) -> dict[str, Any]:
    """Each call ``warmup`` times, then ``runs`` rounds of one call of each in turn; p50 / p95."""
    for call in calls.values():
        for _ in range(warmup):
            call()
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            began = time.perf_counter()
            call()
            times[name].append((time.perf_counter() - began) * 1000)
    return {name: stats(values) for name, values in times.items()}


def measure_compute(runs: int) -> dict[str, Any]:
    from sunshine.agencies.models import Agency
    from sunshine.oversight.indicators import INDICATORS
    from sunshine.oversight.models import IndicatorSnapshot
    from sunshine.oversight.periods import parse_period
    from sunshine.oversight.services import compute

    month = parse_period(MONTH)
    assert month is not None
    ids = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    IndicatorSnapshot.objects.all().delete()
    seconds: list[float] = []
    baseline: list[float] = []
    written = 0
    for _ in range(runs):
        began = time.perf_counter()
        written = compute(period=month)
        seconds.append(time.perf_counter() - began)
        began = time.perf_counter()
        count_base_rows(month)
        baseline.append(time.perf_counter() - began)
    by_indicator = {}
    for code, indicator in INDICATORS.items():
        began = time.perf_counter()
        indicator.counts(ids, month)
        by_indicator[code] = round(time.perf_counter() - began, 2)
    others = {}
    for text in OTHER_MONTHS:
        other = parse_period(text)
        assert other is not None
        began = time.perf_counter()
        compute(period=other)
        others[text] = round(time.perf_counter() - began, 1)
    late = IndicatorSnapshot.objects.filter(period=month.first, code="records_late")
    published = IndicatorSnapshot.objects.filter(period=month.first, code="records_published")
    replied = IndicatorSnapshot.objects.filter(period=month.first, code="requests_on_time")
    return {
        "period": MONTH,
        "agencies": len(ids),
        "snapshots_written": written,
        "seconds": [round(s, 2) for s in seconds],
        "worst_seconds": round(max(seconds), 2),
        "baseline_seconds": [round(s, 2) for s in baseline],
        "ratio_vs_baseline": round(max(seconds) / max(min(baseline), 1e-6), 1),
        "seconds_by_indicator": by_indicator,
        "other_months_seconds": others,
        "in_the_month": {
            "records_published": sum(published.values_list("numerator", flat=True)),
            "records_late": sum(late.values_list("numerator", flat=True)),
            "requests_replied": sum(replied.values_list("denominator", flat=True)),
            "requests_replied_on_time": sum(replied.values_list("numerator", flat=True)),
        },
    }


def measure_pages(office: Any, scheme: Any, runs: int) -> dict[str, Any]:
    from django.test import Client

    from sunshine.oversight.models import Ranking, RankingEntry
    from sunshine.oversight.periods import parse_span
    from sunshine.oversight.rankings import compute_ranking

    RankingEntry.objects.filter(ranking__scheme__code=SCHEME_CODE).delete()
    Ranking.objects.filter(scheme__code=SCHEME_CODE).delete()
    client = Client()
    client.force_login(office)
    base = f"/staff/oversight/rankings/{scheme.code}/"
    sizes: dict[str, int] = {}

    def page(period: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(base, {"period": period})
            if response.status_code != 200:
                raise BenchError(f"{base}?period={period} answered {response.status_code}")
            sizes[period] = len(response.content)

        return call

    def minimal() -> None:
        response = client.get("/bench/minimal")
        if response.status_code != 200:
            raise BenchError(f"/bench/minimal answered {response.status_code}")

    def layout() -> None:
        response = client.get("/staff/oversight/schemes/")
        if response.status_code != 200:
            raise BenchError(f"/staff/oversight/schemes/ answered {response.status_code}")

    # The process warmed up first (URLs, templates compiled, translations loaded) on another month's
    # ranking, so that the first views below pay for their ranking, not for the process's start.
    minimal()
    page(OTHER_MONTHS[0])()
    first = {}
    for period in (MONTH, QUARTER):
        began = time.perf_counter()
        page(period)()
        first[period] = round((time.perf_counter() - began) * 1000, 1)
    month, quarter = parse_span(MONTH), parse_span(QUARTER)
    assert month is not None
    assert quarter is not None
    timed = interleaved(
        {
            "page_month": page(MONTH),
            "page_quarter": page(QUARTER),
            "compute_ranking_month": lambda: compute_ranking(scheme, month),
            "compute_ranking_quarter": lambda: compute_ranking(scheme, quarter),
            "schemes_page": layout,
            "minimal": minimal,
        },
        runs,
    )
    ranking = Ranking.objects.get(scheme=scheme, period=MONTH)
    entries = ranking.entries.all()
    return {
        "first_view_ms": first,
        **timed,
        "page_bytes": sizes,
        "entries": entries.count(),
        "ranked": entries.filter(position__isnull=False).count(),
        "ratios": {
            "page_month_vs_compute_ranking": round(
                timed["page_month"]["p95_ms"] / timed["compute_ranking_month"]["p95_ms"], 3
            ),
            "page_quarter_vs_compute_ranking": round(
                timed["page_quarter"]["p95_ms"] / timed["compute_ranking_quarter"]["p95_ms"], 3
            ),
            "page_month_vs_schemes_page": round(
                timed["page_month"]["p95_ms"] / timed["schemes_page"]["p95_ms"], 2
            ),
            "page_month_vs_minimal": round(timed["page_month"]["p95_ms"] / timed["minimal"]["p95_ms"], 1),
        },
    }


def run(
    records: int, requests: int, agencies: int, runs: int, compute_runs: int, database_url: str | None
) -> dict[str, Any]:
    if min(records, requests, agencies, runs, compute_runs) < 1:
        raise BenchError("--records, --requests, --agencies, --runs and --compute-runs must be positive")
    load_before = os.getloadavg()[0]
    engine, where = open_database(f"oversight-{agencies}-{records}-{requests}", database_url)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    found = held()
    built = None
    if found != (agencies, records, requests):
        if any(found):
            raise BenchError(
                f"{where} holds {found[0]} bench agencies, {found[1]} records and {found[2]} requests, "
                f"not {agencies}, {records} and {requests}: remove it first"
            )
        print(
            f"building {agencies:,} agencies, {records:,} records and {requests:,} requests "
            f"in {where} (once) …",
            file=sys.stderr,
            flush=True,
        )
        began = time.perf_counter()
        built = build(records, requests, agencies)
        built["seconds"] = round(time.perf_counter() - began, 1)
    analyse()
    root = the_root()
    office = disclosure_office(root)
    scheme = the_scheme(root, office)
    computed = measure_compute(compute_runs)
    # Statistics of the snapshots just written, as autovacuum gathers them soon after a bulk write:
    # taken while the table was empty (the ANALYZE above), they make PostgreSQL read a month's
    # snapshots through a cursor ten times slower (1.3 s instead of 0.1 s for 14,000 rows).
    analyse()
    pages = measure_pages(office, scheme, runs)
    worst_page = max(pages["page_month"]["p95_ms"], pages["page_quarter"]["p95_ms"])
    return {
        "status": "ok",
        "database": {
            "engine": engine,
            "where": where,
            "agencies": agencies,
            "records": records,
            "requests": requests,
            "built": built,
        },
        # the machine's load (1-minute average) when the run began and ended: the figures of a
        # loaded machine are slower, their ratios to the baselines much less so
        "load_average": {"cpus": os.cpu_count(), "before": load_before, "after": os.getloadavg()[0]},
        "scheme": {"code": scheme.code, "version": scheme.version, "indicators": scheme.items.count()},
        "compute": computed,
        "pages": pages,
        "targets": {"compute_seconds": COMPUTE_TARGET_SECONDS, "page_p95_ms": PAGE_TARGET_P95_MS},
        "meets_targets": {
            "compute": computed["worst_seconds"] <= COMPUTE_TARGET_SECONDS,
            "page_p95": worst_page <= PAGE_TARGET_P95_MS,
        },
    }


def markdown(result: dict[str, Any]) -> str:
    if result.get("status") != "ok":
        return f"# Oversight benchmark\n\nError: {result.get('error')}\n"
    db, computed, pages = result["database"], result["compute"], result["pages"]
    met = result["meets_targets"]
    within = computed["in_the_month"]
    slowest = sorted(computed["seconds_by_indicator"].items(), key=lambda item: -item[1])[:4]
    lines = [
        f"# Oversight benchmark: {db['agencies']:,} agencies, {db['records']:,} records, "
        f"{db['requests']:,} requests on {db['engine']}",
        "",
        f"In {computed['period']}: {within['records_published']:,} records first published "
        f"({within['records_late']:,} late), {within['requests_replied']:,} requests replied "
        f"({within['requests_replied_on_time']:,} on time). No letters, cases, ratings or new-media "
        "accounts (their indicators run over empty tables).",
        *(
            [
                "",
                f"Load of the machine ({load['cpus']} cores): {load['before']:.1f} when the run began, "
                f"{load['after']:.1f} when it ended.",
            ]
            if (load := result.get("load_average"))
            else []
        ),
        "",
        "| measure | figure | baseline in the same run | target | met |",
        "|---|---|---|---|---|",
        f"| `compute(period={computed['period']})`, every agency and indicator "
        f"({computed['snapshots_written']:,} snapshots), each run "
        f"| {' / '.join(f'{s} s' for s in computed['seconds'])} "
        f"| {' / '.join(f'{s} s' for s in computed['baseline_seconds'])} "
        "(plain grouped counts of the rows read; "
        f"ratio {computed['ratio_vs_baseline']}) | ≤ 60 s | {'yes' if met['compute'] else 'NO'} |",
    ]
    for period, key, base in (
        (MONTH, "page_month", "compute_ranking_month"),
        (QUARTER, "page_quarter", "compute_ranking_quarter"),
    ):
        row, yard = pages[key], pages[base]
        lines.append(
            f"| ranking page `?period={period}` p50 / p95 (first view, computing the ranking: "
            f"{pages['first_view_ms'][period]} ms) | {row['p50_ms']} / {row['p95_ms']} ms "
            f"| `compute_ranking` per view {yard['p50_ms']} / {yard['p95_ms']} ms; the schemes page "
            f"{pages['schemes_page']['p50_ms']} / {pages['schemes_page']['p95_ms']} ms; `/bench/minimal` "
            f"{pages['minimal']['p50_ms']} / {pages['minimal']['p95_ms']} ms | p95 ≤ 300 ms "
            f"| {'yes' if row['p95_ms'] <= PAGE_TARGET_P95_MS else 'NO'} |"
        )
    lines += [
        "",
        "Slowest indicators (`counts` alone): "
        + ", ".join(f"{code} {seconds} s" for code, seconds in slowest)
        + ". The other months of the quarter: "
        + ", ".join(f"{m} {s} s" for m, s in computed["other_months_seconds"].items())
        + f". Ranking: {pages['entries']:,} agencies, {pages['ranked']:,} ranked.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.oversight_bench", description=__doc__)
    parser.add_argument("--records", type=int, default=100_000, help="published records (default 100,000)")
    parser.add_argument(
        "--requests", type=int, default=10_000, help="requests for information (default 10,000)"
    )
    parser.add_argument("--agencies", type=int, default=1000, help="agencies in the tree (default 1,000)")
    parser.add_argument("--runs", type=int, default=30, help="timed views of each page (default 30)")
    parser.add_argument(
        "--compute-runs", type=int, default=2, help="timed computations of the month (default 2)"
    )
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite (kept between runs)")
    parser.add_argument(
        "--output",
        type=Path,
        help="the JSON file (default bench/results/oversight-<engine>-<N>.json); "
        "the table goes beside it as .md",
    )
    arguments = parser.parse_args(argv)
    try:
        result = run(
            arguments.records,
            arguments.requests,
            arguments.agencies,
            arguments.runs,
            arguments.compute_runs,
            arguments.database_url,
        )
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    engine = "postgresql" if arguments.database_url else "sqlite"
    output = arguments.output or RESULTS / f"oversight-{engine}-{arguments.records}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    output.write_text(text, encoding="utf-8")
    output.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(text)
    return 0 if result.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
