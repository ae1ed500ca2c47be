"""The request queue and the reminder sweep on a database with a million requests.

    .venv/bin/python -m bench.request_queue_bench [--requests N] [--runs R] [--database-url URL]

The database is built once (``generate --agencies 3000 --staff 1500 --requests N --prefix BENCH``)
and kept for later runs: SQLite in ``var/bench/requests-<N>.sqlite3``, or, with ``--database-url``
(or ``BENCH_DATABASE_URL``), a PostgreSQL database on this machine whose name starts with
``sunshine_bench`` (created when missing, rebuilt when it holds another number of requests). Then:

(a) the staff queue, first page, as ``GET /api/v1/staff/requests`` with a bearer token through
    Django's test client (every middleware, the API, the selectors, the query, the JSON), for the
    information officer of the agency with most open requests, and for the disclosure office of
    the whole province (every agency's requests); p50 / p95 over ``--runs`` calls after a warm-up;
(b) the reminder sweep's plan (``reminders.plan_reminders``): the clock state of every open request
    and the digests it gives, without sending anything.

It configures Django itself from the options (this process only), so ``bench.run`` starts it as a
subprocess; the figures come back as JSON (``--output FILE``, or printed).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.http_bench import LOOPBACK_HOSTS, BenchError, percentile

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PREFIX = "BENCH"
AGENCIES = 3000
STAFF = 1500
SEED = 20261122
QUEUE_TARGET_P95_MS = 200.0
SWEEP_TARGET_SECONDS = 30.0
WARMUP_CALLS = 3
QUEUE_URL = "/api/v1/staff/requests"


# --- The database --------------------------------------------------------------------------------


def sqlite_path(requests: int) -> Path:
    return BENCH_DIR / f"requests-{requests}.sqlite3"


def check_postgres_url(url: str) -> tuple[str, str]:
    """(the URL of the maintenance database, the bench database's name); BenchError if unsafe."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise BenchError(f"the bench database URL must be postgres://, not {parts.scheme}://")
    if (parts.hostname or "localhost") not in LOOPBACK_HOSTS:
        raise BenchError("the bench database must be on this machine (127.0.0.1 or localhost)")
    name = parts.path.lstrip("/")
    if not name.startswith("sunshine_bench"):
        raise BenchError(
            f"the bench database's name must start with sunshine_bench (it is rebuilt), not {name!r}"
        )
    return urlunsplit(parts._replace(path="/postgres")), name


def ensure_postgres_database(url: str, *, drop: bool = False) -> str:
    """Create the bench database when missing (dropped first with ``drop``); its server version."""
    import psycopg
    from psycopg import sql

    admin_url, name = check_postgres_url(url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        row = connection.execute("SHOW server_version").fetchone()
        if drop:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return str(row[0]).split()[0] if row else "?"


def configure(database_url: str) -> None:
    """Settings for this process: production settings, plain HTTP, the bench database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["SUNSHINE_TASKS"] = "immediate"
    os.environ["DB_CONN_MAX_AGE"] = "600"  # one connection for the whole run (ignored on SQLite)
    static = BENCH_DIR / "static"  # WhiteNoise wants the directory to exist; nothing is served from it
    static.mkdir(parents=True, exist_ok=True)
    os.environ["STATIC_ROOT"] = str(static)
    import django

    django.setup()


def generated_requests() -> tuple[int, datetime.date | None]:
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


def build(requests: int) -> float:
    """Fill the (empty, migrated) database; seconds it took."""
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
    return time.perf_counter() - began


def analyse() -> None:
    """Fresh planner statistics (what a DBA runs after a bulk load)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- The measurements ----------------------------------------------------------------------------


def busiest_officer() -> tuple[Any, Any, int]:
    """(person, agency, open requests) for the information officer of the agency with most open requests."""
    from django.db.models import Count

    from sunshine.agencies.models import Membership, Role
    from sunshine.inforequests.codes import OPEN_STATUSES
    from sunshine.inforequests.models import InfoRequest

    with_officers = set(Membership.objects.filter(role=Role.OFFICER).values_list("agency_id", flat=True))
    counts = (
        InfoRequest.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    for row in counts:
        if row["agency_id"] in with_officers:
            membership = (
                Membership.objects.filter(agency_id=row["agency_id"], role=Role.OFFICER)
                .select_related("user", "agency")
                .order_by("user_id")
                .first()
            )
            assert membership is not None
            return membership.user, membership.agency, row["n"]
    raise BenchError("no agency with open requests has an information officer")


def province_office() -> Any:
    """A person of the root government's disclosure office (added to the bench database if none)."""
    from django.contrib.auth import get_user_model

    from sunshine.agencies.models import Agency, Membership, Role

    root = Agency.objects.get(code__startswith=f"{PREFIX}-", parent=None)
    membership = (
        Membership.objects.filter(agency=root, role=Role.DISCLOSURE_OFFICE).select_related("user").first()
    )
    if membership is not None:
        return membership.user
    person, _ = get_user_model().objects.get_or_create(username=f"{PREFIX.lower()}-province-office")
    Membership.objects.get_or_create(user=person, agency=root, role=Role.DISCLOSURE_OFFICE)
    return person


def time_queue(person: Any, runs: int, query: str = "") -> dict[str, Any]:
    """p50 / p95 of GET /api/v1/staff/requests as ``person``, through the test client."""
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
        "runs": runs,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "rows_on_page": len(page["results"]),
        "matching_requests": page["count"],
    }


def time_sweep(today: datetime.date) -> dict[str, Any]:
    from sunshine.inforequests.reminders import plan_reminders

    began = time.perf_counter()
    plan = plan_reminders(today)
    seconds = time.perf_counter() - began
    return {
        "today": today.isoformat(),
        "seconds": round(seconds, 2),
        "open_requests": plan.examined,
        "due_soon": plan.due_soon,
        "overdue": plan.overdue,
        "digests": len(plan.digests),
        "unrouted": len(plan.unrouted),
        "open_requests_per_second": round(plan.examined / seconds) if seconds else None,
    }


def run(requests: int, runs: int, database_url: str | None, *, rebuild: bool = False) -> dict[str, Any]:
    """Build (when needed) and measure; the figures as a dict."""
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
        url = f"sqlite:///{path}"
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine, where = f"SQLite {sqlite3.sqlite_version}", str(path.relative_to(ROOT))
    configure(url)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    count, today = generated_requests()
    built_seconds = None
    if count != requests or today is None:
        if count:
            if not database_url:
                raise BenchError(f"{where} holds {count} requests, not {requests}: run again with --rebuild")
            raise BenchError(f"the database holds {count} requests, not {requests}: run again with --rebuild")
        print(f"building {requests:,} requests in {where} (once) …", file=sys.stderr, flush=True)
        built_seconds = round(build(requests), 1)
        analyse()
        count, today = generated_requests()
    assert today is not None
    officer, agency, open_in_agency = busiest_officer()
    office = province_office()
    officer_queue = time_queue(officer, runs)
    officer_queue.update(agency=agency.code, open_requests_in_agency=open_in_agency)
    province_queue = time_queue(office, runs)
    sweep = time_sweep(today)
    return {
        "status": "ok",
        "database": {"engine": engine, "where": where, "requests": count, "built_in_seconds": built_seconds},
        "queue_officer": {**officer_queue, "target_p95_ms": QUEUE_TARGET_P95_MS},
        "queue_province": province_queue,
        "sweep": {**sweep, "target_seconds": SWEEP_TARGET_SECONDS},
        "meets_targets": {
            "queue_p95": officer_queue["p95_ms"] <= QUEUE_TARGET_P95_MS,
            "sweep": sweep["seconds"] <= SWEEP_TARGET_SECONDS,
        },
    }


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.request_queue_bench", description=__doc__)
    parser.add_argument(
        "--requests", type=int, default=1_000_000, help="requests in the database (default 1,000,000)"
    )
    parser.add_argument("--runs", type=int, default=60, help="timed calls of each queue (default 60)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="PostgreSQL instead of SQLite: postgres://postgres@127.0.0.1:5432/sunshine_bench "
        "(default: $BENCH_DATABASE_URL); kept between runs",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the database again from scratch")
    parser.add_argument(
        "--output", type=Path, help="write the figures to this JSON file (default: print them)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        result = run(arguments.requests, arguments.runs, arguments.database_url, rebuild=arguments.rebuild)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if arguments.output:
        arguments.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
