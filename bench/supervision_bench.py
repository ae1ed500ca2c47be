"""Electronic supervision on 100,000 service cases (or ``--cases 1000000``).

    .venv/bin/python -m bench.supervision_bench [--cases N] [--runs R] [--database-url URL] [--output FILE]

The database is built once and kept: SQLite ``var/bench/supervision-<N>.sqlite3``, or, with
``--database-url``, a PostgreSQL database on this machine whose name starts with ``sunshine_``. It
holds a city, ten districts and ten departments under each (111 agencies), a published guide per
agency (promised 10, statutory 20 working days, three steps), a disclosure office at the top, and
``--cases`` cases written with ``bulk_create`` and a fixed seed: received over the last 200 days,
about one in five still open (accepted, a few suspended), the others decided with dates from the
working-day clock; half online.

Measured, against today:

(a) ``supervision.sweep.sweep`` over every case the first time (a state row each) and again the same
    day (nothing to write). Target for the open cases of 1,000,000: ≤ 30 s;
(b) the whole-tree dashboard (``selectors.tree_dashboard`` for the disclosure office, the last 30
    days) and one district's, p50 / p95 over ``--runs`` calls. Target: p95 ≤ 300 ms.

The figures go to ``bench/results/supervision-<db>-<n>.md`` (and ``--output`` as JSON).
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

from bench.http_bench import BenchError, percentile
from bench.letters_bench import open_database
from bench.request_queue_bench import ROOT

PREFIX = "SUPBENCH"
DISTRICTS = 10
DEPARTMENTS = 10
SEED = 20261116
SWEEP_TARGET_SECONDS = 30.0
DASHBOARD_TARGET_P95_MS = 300.0
OPEN_SHARE = 0.2
BATCH = 5000
RESULTS = ROOT / "bench" / "results"


def build_agencies() -> list[Any]:
    from django.contrib.auth import get_user_model

    from sunshine.agencies import services
    from sunshine.agencies.models import AgencyKind, Role

    city = services.create_agency(by=None, code=PREFIX, kind=AgencyKind.GOVERNMENT, name="基准市人民政府")
    agencies = [city]
    for d in range(DISTRICTS):
        district = services.create_agency(
            by=None, code=f"{PREFIX}-D{d}", kind=AgencyKind.GOVERNMENT, name=f"第{d}区人民政府", parent=city
        )
        agencies.append(district)
        for n in range(DEPARTMENTS):
            agencies.append(
                services.create_agency(
                    by=None,
                    code=f"{PREFIX}-D{d}-{n}",
                    kind=AgencyKind.DEPARTMENT,
                    name=f"第{d}区第{n}局",
                    parent=district,
                )
            )
    office = get_user_model().objects.create_user(username=f"{PREFIX.lower()}-office")
    services.grant_role(by=None, user=office, agency=city, role=Role.DISCLOSURE_OFFICE)
    return agencies


def build(cases: int, today: datetime.date) -> None:
    from sunshine.cases.models import Case, CasePause
    from sunshine.eservices.models import Item, Step, Version
    from sunshine.workdays.calendar import current_calendar

    calendar = current_calendar()
    rng = random.Random(SEED)
    versions: list[tuple[int, int, int]] = []
    for agency in build_agencies():
        item = Item.objects.create(agency=agency, code=f"{agency.code}-LIC")
        version = Version.objects.create(
            item=item,
            number=1,
            name=f"{agency.name}许可",
            kind="licensing",
            legal_basis="《行政许可法》",
            statutory_days=20,
            promised_days=10,
            handling_type="promised",
            online_level=3,
            status="published",
        )
        Step.objects.bulk_create(
            [
                Step(version=version, key="accept", position=0, name="受理", days=1),
                Step(version=version, key="review", position=1, name="审查", days=7),
                Step(version=version, key="decide", position=2, name="决定", days=2),
            ]
        )
        versions.append((agency.pk, item.pk, version.pk))
    rows: list[Case] = []
    suspended: list[int] = []
    for n in range(cases):
        agency_id, item_id, version_id = versions[rng.randrange(len(versions))]
        if rng.random() < OPEN_SHARE:
            received = today - datetime.timedelta(days=rng.randrange(0, 30))
        else:
            received = today - datetime.timedelta(days=rng.randrange(15, 200))
        accepted = received
        due: datetime.date | None = calendar.nth_after(accepted, 20)
        promised: datetime.date | None = calendar.nth_after(accepted, 10)
        is_open = (today - received).days < 30 and rng.random() < 0.9
        status, decided = "accepted", None
        if is_open and rng.random() < 0.03:
            status = "suspended"
            suspended.append(n)
            due = promised = None
        elif not is_open:
            decided = min(calendar.nth_after(accepted, rng.randrange(1, 14)), today)
            status = "delivered"
        rows.append(
            Case(
                tracking_code=f"SB{n:010d}",
                access_salt="x",
                item_id=item_id,
                version_id=version_id,
                agency_id=agency_id,
                applicant_kind="natural_person",
                applicant_name="张三",
                applicant_id_type="resident_id",
                applicant_id_number="0",
                channel="online" if rng.random() < 0.5 else "counter",
                status=status,
                received_on=received,
                complete_on=received,
                accepted_on=accepted,
                statutory_days=20,
                promised_days=10,
                due_date=due,
                promised_date=promised,
                result="approved" if decided else "",
                reasons="符合条件" if decided else "",
                decided_on=decided,
                delivered_on=decided,
            )
        )
        if len(rows) >= BATCH:
            Case.objects.bulk_create(rows)
            rows.clear()
    Case.objects.bulk_create(rows)
    codes = [f"SB{n:010d}" for n in suspended]
    pauses = [
        CasePause(case_id=pk, started_on=accepted + datetime.timedelta(days=2), reason="听证")
        for pk, accepted in Case.objects.filter(tracking_code__in=codes).values_list("pk", "received_on")
    ]
    CasePause.objects.bulk_create(pauses, batch_size=BATCH)


def count_over_cases(start: datetime.date, end: datetime.date) -> int:
    """The baseline: the dashboard's figures of every agency counted over the cases and their
    states (what the dashboard did before the sweep kept totals); the number of rows read back."""
    from django.db.models import Count, F, Q, Sum

    from sunshine.cases.models import Case
    from sunshine.supervision.models import CaseState

    queries = [
        Case.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .order_by()
        .values("agency_id")
        .annotate(
            n=Count("pk"),
            s=Count("pk", filter=Q(decided_on__lte=F("due_date"))),
            p=Count("pk", filter=Q(decided_on__lte=F("promised_date"))),
        ),
        CaseState.objects.filter(case__decided_on__gte=start, case__decided_on__lte=end)
        .exclude(decision_days=None)
        .order_by()
        .values("agency_id")
        .annotate(days=Sum("decision_days"), n=Count("pk")),
        Case.objects.filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"), online=Count("pk", filter=Q(channel="online"))),
        CaseState.objects.filter(is_open=True)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"), y=Count("pk", filter=Q(promised_level="yellow"))),
    ]
    return sum(len(list(q)) for q in queries)


def timed(call: Any, runs: int) -> dict[str, Any]:
    call()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return {
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "runs": runs,
    }


def run(cases: int, runs: int, database_url: str | None) -> dict[str, Any]:
    if cases < 1 or runs < 1:
        raise BenchError("--cases and --runs must be positive")
    engine, where = open_database(f"supervision-{cases}", database_url)
    from django.core.management import call_command
    from django.utils import timezone

    from sunshine.agencies.models import Agency, Membership, Role
    from sunshine.cases.models import Case
    from sunshine.outbox.models import OutboxMessage
    from sunshine.supervision import selectors
    from sunshine.supervision.models import AgencyDay, AgencyOpen, CaseState, LevelChange
    from sunshine.supervision.periods import period
    from sunshine.supervision.sweep import sweep

    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    count = Case.objects.filter(tracking_code__startswith="SB").count()
    built_seconds = None
    if count != cases:
        if count:
            raise BenchError(f"{where} holds {count} bench cases, not {cases}: remove it first")
        print(f"building {cases:,} cases in {where} (once) …", file=sys.stderr, flush=True)
        began = time.perf_counter()
        build(cases, today)
        built_seconds = round(time.perf_counter() - began, 1)
    # The first sweep: every case, from no state at all.
    CaseState.objects.all().delete()
    LevelChange.objects.all().delete()
    AgencyDay.objects.all().delete()
    AgencyOpen.objects.all().delete()
    OutboxMessage.objects.filter(topic="supervision.level_changed").delete()
    began = time.perf_counter()
    first = sweep(today)
    first_seconds = time.perf_counter() - began
    began = time.perf_counter()
    again = sweep(today)
    again_seconds = time.perf_counter() - began
    # The daily run: the next day, when levels move (the timer's sweep of every open case).
    began = time.perf_counter()
    tomorrow = sweep(today + datetime.timedelta(days=1))
    tomorrow_seconds = time.perf_counter() - began
    office = (
        Membership.objects.select_related("user").get(agency__code=PREFIX, role=Role.DISCLOSURE_OFFICE).user
    )
    district = Agency.objects.get(code=f"{PREFIX}-D0")
    start, end = period(None, None, today)
    tree = timed(lambda: selectors.tree_dashboard(office, start, end), runs)
    agency = timed(lambda: selectors.tree_dashboard(office, start, end, district), runs)
    # The baseline in the same run: the same figures counted over the cases themselves.
    counting = timed(lambda: count_over_cases(start, end), runs)
    return {
        "status": "ok",
        "database": {"engine": engine, "where": where, "cases": cases, "built_in_seconds": built_seconds},
        "open_cases": CaseState.objects.filter(is_open=True).count(),
        "sweep_first": {
            "seconds": round(first_seconds, 2),
            "checked": first.checked,
            "created": first.created,
            "level_changes": len(first.changes),
        },
        "sweep_next_day": {
            "seconds": round(tomorrow_seconds, 2),
            "checked": tomorrow.checked,
            "written": tomorrow.created + tomorrow.updated + len(tomorrow.changes),
        },
        "sweep_again": {
            "seconds": round(again_seconds, 2),
            "checked": again.checked,
            "written": again.created + again.updated + len(again.changes),
        },
        "dashboard_tree": tree,
        "dashboard_district": agency,
        "baseline_counting_cases": counting,
        "targets": {"sweep_seconds": SWEEP_TARGET_SECONDS, "dashboard_p95_ms": DASHBOARD_TARGET_P95_MS},
        "meets_targets": {
            "sweep": again_seconds <= SWEEP_TARGET_SECONDS and tomorrow_seconds <= SWEEP_TARGET_SECONDS,
            "dashboard_p95": max(tree["p95_ms"], agency["p95_ms"]) <= DASHBOARD_TARGET_P95_MS,
        },
    }


def markdown(result: dict[str, Any]) -> str:
    if result.get("status") != "ok":
        return f"# Supervision benchmark\n\nError: {result.get('error')}\n"
    db, first, again = result["database"], result["sweep_first"], result["sweep_again"]
    tree, district = result["dashboard_tree"], result["dashboard_district"]
    base = result["baseline_counting_cases"]
    nxt = result["sweep_next_day"]
    return "\n".join(
        [
            f"# Supervision benchmark: {db['cases']:,} cases on {db['engine']}",
            "",
            f"Open cases: {result['open_cases']:,}.",
            "",
            "| measure | figure | target |",
            "|---|---|---|",
            f"| first sweep (every case, {first['created']:,} state rows, {first['level_changes']:,} "
            f"level changes; once, when supervision starts) | {first['seconds']} s | — |",
            f"| sweep the next day, the timer's daily run ({nxt['checked']:,} checked, "
            f"{nxt['written']:,} rows written) | {nxt['seconds']} s | ≤ 30 s |",
            f"| second sweep the same day ({again['checked']:,} checked, {again['written']} rows written) "
            f"| {again['seconds']} s | ≤ 30 s |",
            f"| whole-tree dashboard p50 / p95 | {tree['p50_ms']} / {tree['p95_ms']} ms | p95 ≤ 300 ms |",
            f"| one district's dashboard p50 / p95 | {district['p50_ms']} / {district['p95_ms']} ms "
            "| p95 ≤ 300 ms |",
            f"| baseline in the same run: the same figures counted over the cases, p50 / p95 "
            f"| {base['p50_ms']} / {base['p95_ms']} ms | — |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.supervision_bench", description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the database (default 100,000)")
    parser.add_argument("--runs", type=int, default=40, help="timed calls of each dashboard (default 40)")
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite (kept between runs)")
    parser.add_argument("--output", type=Path, help="write the figures to this JSON file")
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.cases, arguments.runs, arguments.database_url)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
    engine = "postgresql" if arguments.database_url else "sqlite"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"supervision-{engine}-{arguments.cases}.md").write_text(markdown(result), encoding="utf-8")
    print(text)
    return 0 if result.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
