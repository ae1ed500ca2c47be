"""The staff letter queue and the daily reminder sweep on 100,000 letters.

    .venv/bin/python -m bench.letters_bench [--letters N] [--runs R] [--database-url URL] [--output FILE]

The database is built once and kept: SQLite ``var/bench/letters-<N>.sqlite3``, or, with
``--database-url``, a PostgreSQL database on this machine whose name starts with ``sunshine_`` and
holds ``bench`` (created when missing). It holds a province of ``AGENCIES`` agencies (a government,
ten districts, departments under each), an information officer with an e-mail address in each, a
supervisor and the disclosure office at the top, and ``--letters`` letters written in bulk
(``bulk_create``) with a fixed seed: every kind, every status (about six in ten open), received over
the last 200 days, due dates from the working-day clock, one open letter in fifty under supervision.

Measured, against today:

(a) the queue's first page, ``GET /api/v1/staff/letters`` with a bearer token through Django's test
    client (every middleware, the API, ``letters.queue``, the presenter, the JSON): for the officer
    of the busiest agency, for the province's disclosure office (every letter), and the latter with
    ``?red=1``; p50 / p95 over ``--runs`` calls after a warm-up. Target: p95 ≤ 200 ms;
(b) the daily reminder sweep (``inforequests.reminders.sweep``, requests and letters), sending its
    digests to Django's in-memory mail box, after removing today's claims. Target: ≤ 30 s;
(c) the suggestions shown while a writer types, ``GET /api/v1/letters/suggestions?q=…`` (the common
    questions and the published letters), and the public list searched, ``GET /api/v1/letters?q=…``,
    over the published letters: one replied letter in three is published, its subject, letter and
    reply drawn from ``TOPICS`` (Chinese texts, segmented as the site does). Target for the
    suggestions: p95 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.http_bench import LOOPBACK_HOSTS, BenchError, percentile
from bench.request_queue_bench import BENCH_DIR, ROOT, configure

PREFIX = "LETBENCH"
DISTRICTS = 10
DEPARTMENTS_PER_DISTRICT = 20
AGENCIES = 1 + DISTRICTS * (1 + DEPARTMENTS_PER_DISTRICT)
SEED = 20261214
QUEUE_TARGET_P95_MS = 200.0
SWEEP_TARGET_SECONDS = 30.0
WARMUP_CALLS = 3
QUEUE_URL = "/api/v1/staff/letters"
SUGGESTION_TARGET_P95_MS = 50.0
# What people write about, as (subject, letter, reply): the published letters draw from these.
TOPICS = [
    ("学校收取补课费", "孩子所在学校每月收取补课费，是否合规？", "经核查，该校已停止收费并退还相关费用。"),
    ("小区噪音扰民", "夜间施工噪音很大，影响休息，请尽快处理。", "已责令施工单位夜间停工，并加强巡查。"),
    ("道路坑洼积水", "路面坑洼，下雨后积水严重，出行不便。", "已安排养护单位对该路段进行修补。"),
    ("公交线路调整建议", "建议增加早高峰班次，方便上班族出行。", "公交公司已在早高峰加密班次。"),
    ("医保报销咨询", "异地就医的医保报销需要哪些材料？", "需提供备案表、发票和费用清单，详见办事指南。"),
    ("社保缴费基数", "今年社保缴费基数如何确定？", "按上年度职工月平均工资确定，具体见公告。"),
    ("营业执照办理", "个体工商户营业执照可以网上办理吗？", "可通过政务服务网全程网上办理。"),
    ("垃圾分类投放点", "小区垃圾分类投放点太少，建议增加。", "街道已增设两处投放点。"),
    ("养老服务补贴", "高龄老人养老服务补贴如何申请？", "由本人或家属向社区提出申请，街道审核。"),
    ("违章建筑举报", "某小区顶楼搭建违章建筑，请查处。", "城管部门已立案调查并责令拆除。"),
    ("公积金提取", "租房提取住房公积金需要什么条件？", "连续足额缴存满三个月即可申请。"),
    ("路灯不亮", "某路段路灯损坏多日，夜间行走不安全。", "已通知维修单位，路灯已恢复照明。"),
]
SUGGESTION_TEXTS = [
    "我想咨询一下学校收取补课费的问题",
    "小区附近施工噪音太大晚上睡不着",
    "异地就医医保报销要准备什么材料",
    "想问下租房能不能提取公积金",
]
BATCH = 2000
RESULTS_DIR = ROOT / "bench" / "results"


def check_postgres_url(url: str) -> tuple[str, str]:
    """(the URL of the maintenance database, the bench database's name); BenchError if unsafe."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise BenchError(f"the bench database URL must be postgres://, not {parts.scheme}://")
    if (parts.hostname or "localhost") not in LOOPBACK_HOSTS:
        raise BenchError("the bench database must be on this machine (127.0.0.1 or localhost)")
    name = parts.path.lstrip("/")
    if not (name.startswith("sunshine_") and "bench" in name):
        raise BenchError(f"the bench database's name must start with sunshine_ and hold bench, not {name!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def ensure_postgres_database(url: str) -> str:
    """Create the bench database when missing; the server's version."""
    import psycopg
    from psycopg import sql

    admin_url, name = check_postgres_url(url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        row = connection.execute("SHOW server_version").fetchone()
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return str(row[0]).split()[0] if row else "?"


# --- The database --------------------------------------------------------------------------------


def build_agencies() -> list[Any]:
    """The province: its government, districts and their departments, each with an officer."""
    from django.contrib.auth import get_user_model

    from sunshine.agencies import services as agency_services
    from sunshine.agencies.models import AgencyKind, Membership, Role

    root = agency_services.create_agency(
        by=None, code=PREFIX, kind=AgencyKind.GOVERNMENT, name="基准省人民政府"
    )
    agencies = [root]
    for d in range(1, DISTRICTS + 1):
        district = agency_services.create_agency(
            by=None,
            code=f"{PREFIX}-{d}",
            kind=AgencyKind.GOVERNMENT,
            name=f"基准第{d}区人民政府",
            parent=root,
        )
        agencies.append(district)
        for n in range(1, DEPARTMENTS_PER_DISTRICT + 1):
            agencies.append(
                agency_services.create_agency(
                    by=None,
                    code=f"{PREFIX}-{d}-{n}",
                    kind=AgencyKind.DEPARTMENT,
                    name=f"基准第{d}区第{n}局",
                    parent=district,
                )
            )
    users = get_user_model().objects
    people = users.bulk_create(
        [
            users.model(username=f"letbench-officer-{a.pk}", email=f"officer-{a.pk}@bench.example")
            for a in agencies
        ]
    )
    if not all(p.pk for p in people):  # SQLite before RETURNING: read them back
        people = list(users.filter(username__startswith="letbench-officer-").order_by("pk"))
    Membership.objects.bulk_create(
        [Membership(user=p, agency=a, role=Role.OFFICER) for p, a in zip(people, agencies, strict=True)]
    )
    for role in (Role.SUPERVISOR, Role.DISCLOSURE_OFFICE):
        person = users.create(username=f"letbench-{role}", email=f"{role}@bench.example")
        Membership.objects.create(user=person, agency=root, role=role)
    return agencies


def build(letters: int, today: datetime.date) -> None:
    from sunshine.letters.access import new_salt
    from sunshine.letters.codes import Channel, Kind, Status
    from sunshine.letters.models import Letter
    from sunshine.letters.periods import REPLY_PERIODS
    from sunshine.workdays.calendar import current_calendar
    from sunshine.workdays.clock import CalendarNotPublished, add_working_days

    rng = random.Random(SEED)
    agencies = build_agencies()
    calendar = current_calendar()
    # (status, weight): about six in ten open
    statuses = [
        (Status.SUBMITTED, 15),
        (Status.ACCEPTED, 30),
        (Status.AWAITING_INFO, 5),
        (Status.TRANSFERRED, 8),
        (Status.REPLIED, 22),
        (Status.RETURNED, 5),
        (Status.CLOSED, 15),
    ]
    choices, weights = [s for s, _ in statuses], [w for _, w in statuses]
    kinds = list(Kind.values)
    due_cache: dict[tuple[datetime.date, int], datetime.date | None] = {}
    batch: list[Letter] = []
    salt = new_salt()
    for n in range(letters):
        agency = agencies[rng.randrange(len(agencies))]
        kind = kinds[n % len(kinds)]
        status = rng.choices(choices, weights)[0]
        received = today - datetime.timedelta(days=rng.randrange(0, 200))
        period = REPLY_PERIODS[kind]
        key = (received, period)
        if key not in due_cache:
            try:
                due_cache[key] = add_working_days(received, period, calendar)
            except CalendarNotPublished:
                due_cache[key] = None
        is_open = status not in (Status.REPLIED, Status.RETURNED, Status.CLOSED)
        batch.append(
            Letter(
                tracking_code=f"X{received.year}-B{n:07d}",
                access_salt=salt,
                agency=agency,
                addressed_to=agency,
                kind=kind,
                channel=Channel.ONLINE,
                subject=f"基准信件 {n}",
                body="基准信件正文。",
                writer_name="基准",
                writer_email=f"writer-{n}@bench.example",
                status=status,
                received_on=received,
                clock_start=received,
                period_working_days=period,
                due_date=None if status == Status.AWAITING_INFO else due_cache[key],
                concluded_on=None if is_open else received + datetime.timedelta(days=10),
                supervised_on=received if is_open and n % 50 == 0 else None,
                supervision_due_on=received + datetime.timedelta(days=20)
                if is_open and n % 50 == 0
                else None,
            )
        )
        if len(batch) >= BATCH:
            Letter.objects.bulk_create(batch)
            batch = []
    Letter.objects.bulk_create(batch)


def publish_some() -> int:
    """One replied letter in three published with its reply, the texts drawn from ``TOPICS`` and their
    search words cut once per topic as the site cuts them (``letters.public``); idempotent."""
    from sunshine.agencies.models import Agency
    from sunshine.letters.codes import Status
    from sunshine.letters.models import Letter
    from sunshine.letters.public import words_of

    answered = Letter.objects.filter(
        tracking_code__contains="-B", status__in=[Status.REPLIED, Status.CLOSED]
    ).order_by("pk")
    if answered.filter(reply_published=True).exclude(public_words="").exists():
        return answered.filter(reply_published=True).count()
    words: list[str] = []
    top = Agency.objects.get(code=PREFIX)
    for subject, body, reply in TOPICS:
        sample = Letter(
            subject=subject,
            body=body,
            reply_text=reply,
            writer_name="基准",
            status=Status.REPLIED,
            publish_consent=True,
            reply_published=True,
            replied_on=datetime.date.today(),
            agency=top,
        )
        words.append(words_of(sample) or " ")
    chosen = list(answered.values_list("pk", "concluded_on")[::3])
    batch: list[Letter] = []
    for n, (pk, concluded) in enumerate(chosen):
        subject, body, reply = TOPICS[n % len(TOPICS)]
        batch.append(
            Letter(
                pk=pk,
                subject=subject,
                body=body,
                reply_text=reply,
                replied_on=min(concluded or datetime.date.today(), datetime.date.today()),
                publish_consent=True,
                reply_published=True,
                public_words=words[n % len(TOPICS)],
            )
        )
    fields = [
        "subject",
        "body",
        "reply_text",
        "replied_on",
        "publish_consent",
        "reply_published",
        "public_words",
    ]
    for start in range(0, len(batch), BATCH):
        Letter.objects.bulk_update(batch[start : start + BATCH], fields)
    return len(batch)


def time_public(path: str, queries: list[str], runs: int) -> dict[str, Any]:
    """p50 / p95 of anonymous GETs of ``path`` with each of ``queries`` as ``q`` in turn."""
    from django.test import Client

    client = Client()
    for q in queries:
        response = client.get(path, {"q": q})
        if response.status_code != 200:
            raise BenchError(f"GET {path}?q={q} answered {response.status_code}: {response.content[:300]!r}")
    latencies = []
    found = 0
    for n in range(runs):
        q = queries[n % len(queries)]
        began = time.perf_counter()
        response = client.get(path, {"q": q})
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise BenchError(f"GET {path} answered {response.status_code}")
        body = response.json()
        found += len(body["results"])
    return {
        "url": path,
        "queries": queries,
        "runs": runs,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "items_per_call": round(found / runs, 1),
    }


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- The measurements ----------------------------------------------------------------------------


def busiest_officer() -> tuple[Any, Any, int]:
    from django.db.models import Count

    from sunshine.agencies.models import Membership, Role
    from sunshine.letters.codes import OPEN_STATUSES
    from sunshine.letters.models import Letter

    row = (
        Letter.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if row is None:
        raise BenchError("no open letters")
    membership = Membership.objects.select_related("user", "agency").get(
        agency_id=row["agency_id"], role=Role.OFFICER
    )
    return membership.user, membership.agency, row["n"]


def time_queue(person: Any, runs: int, query: str = "") -> dict[str, Any]:
    from django.test import Client

    from sunshine.accounts.tokens import issue_token

    _token, secret = issue_token(user=person)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = QUEUE_URL + query
    for _ in range(WARMUP_CALLS):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"GET {url} answered {response.status_code}: {response.content[:300]!r}")
    latencies = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        latencies.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise BenchError(f"GET {url} answered {response.status_code}")
    page = response.json()
    return {
        "url": url,
        "runs": runs,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "rows_on_page": len(page["items"]),
        "open_letters": page["count"],
        "due_soon": page["due_soon"],
        "overdue": page["overdue"],
        "red": page["red"],
    }


def time_sweep(today: datetime.date) -> dict[str, Any]:
    from django.conf import settings
    from django.core import mail

    from sunshine.inforequests import reminders
    from sunshine.inforequests.models import ReminderDigest

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    ReminderDigest.objects.filter(date=today).delete()  # a fresh day's run
    began = time.perf_counter()
    result = reminders.sweep(today=today, base_url="", working_days_only=False)
    seconds = time.perf_counter() - began
    summary = result.summary()
    return {
        "today": today.isoformat(),
        "seconds": round(seconds, 2),
        "letters": summary["letters"],
        "digests_sent": summary["sent"],
        "failed": summary["failed"],
        "e-mails_in_outbox": len(mail.outbox),
    }


def open_database(name: str, database_url: str | None) -> tuple[str, str]:
    """Configure Django on the bench's database: PostgreSQL at ``database_url`` (made if missing),
    else ``var/bench/<name>.sqlite3``, kept between runs; (engine and version, where it is)."""
    if database_url:
        version = ensure_postgres_database(database_url)
        url, engine, where = database_url, f"PostgreSQL {version}", check_postgres_url(database_url)[1]
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = BENCH_DIR / f"{name}.sqlite3"
        url, engine, where = (
            f"sqlite:///{path}",
            f"SQLite {sqlite3.sqlite_version}",
            str(path.relative_to(ROOT)),
        )
    configure(url)
    return engine, where


def run(letters: int, runs: int, database_url: str | None) -> dict[str, Any]:
    if letters < 1 or runs < 1:
        raise BenchError("--letters and --runs must be positive")
    engine, where = open_database(f"letters-{letters}", database_url)
    from django.core.management import call_command
    from django.utils import timezone

    from sunshine.letters.models import Letter

    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    count = Letter.objects.filter(tracking_code__contains="-B").count()
    built_seconds = None
    if count != letters:
        if count:
            raise BenchError(f"{where} holds {count} bench letters, not {letters}: remove it first")
        print(f"building {letters:,} letters in {where} (once) …", file=sys.stderr, flush=True)
        began = time.perf_counter()
        build(letters, today)
        built_seconds = round(time.perf_counter() - began, 1)
    published = publish_some()
    analyse()
    from sunshine.agencies.models import Membership, Role

    officer, agency, open_in_agency = busiest_officer()
    office = (
        Membership.objects.select_related("user").get(agency__code=PREFIX, role=Role.DISCLOSURE_OFFICE).user
    )
    queue_officer = {**time_queue(officer, runs), "agency": agency.code, "open_in_agency": open_in_agency}
    queue_province = time_queue(office, runs)
    queue_red = time_queue(office, runs, "?red=1")
    sweep = time_sweep(today)
    suggestions = time_public("/api/v1/letters/suggestions", SUGGESTION_TEXTS, runs)
    public_search = time_public("/api/v1/letters", ["学校", "噪音", "医保 报销", "公积金"], runs)
    worst = max(queue_officer["p95_ms"], queue_province["p95_ms"], queue_red["p95_ms"])
    return {
        "status": "ok",
        "database": {
            "engine": engine,
            "where": where,
            "letters": Letter.objects.count(),
            "agencies": AGENCIES,
            "built_in_seconds": built_seconds,
            "published_letters": published,
        },
        "queue_officer": queue_officer,
        "queue_province": queue_province,
        "queue_province_red": queue_red,
        "queue_target_p95_ms": QUEUE_TARGET_P95_MS,
        "sweep": {**sweep, "target_seconds": SWEEP_TARGET_SECONDS},
        "suggestions": {**suggestions, "target_p95_ms": SUGGESTION_TARGET_P95_MS},
        "public_search": public_search,
        "meets_targets": {
            "suggestions_p95": suggestions["p95_ms"] <= SUGGESTION_TARGET_P95_MS,
            "queue_p95": worst <= QUEUE_TARGET_P95_MS,
            "sweep": sweep["seconds"] <= SWEEP_TARGET_SECONDS,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.letters_bench", description=__doc__)
    parser.add_argument(
        "--letters", type=int, default=100_000, help="letters in the database (default 100,000)"
    )
    parser.add_argument("--runs", type=int, default=40, help="timed calls of each queue (default 40)")
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite (kept between runs)")
    parser.add_argument("--output", type=Path, help="write the figures to this JSON file")
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.letters, arguments.runs, arguments.database_url)
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
