"""The HTTP benchmark: Sunshine under gunicorn on 127.0.0.1, measured by a threaded client.

A fresh database (SQLite in a temporary directory, or a fresh PostgreSQL database created and
dropped here) is migrated and filled with the demo data (or, without ``demo_data``, a small
generated tree). gunicorn then serves ``bench.settings`` (production settings with plain HTTP)
with sync workers, and the client measures each URL for a few seconds in turn, round after round,
so that every URL sees the same machine conditions. Only processes started here are stopped.
"""

from __future__ import annotations

import http.client
import math
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
URLS = ["/", "/healthz", "/bench/minimal"]
BASELINE_URL = "/bench/minimal"
# The environment of the server comes from here only: nothing of the caller's settings leaks in.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_REQUESTS_PER_PHASE = 200_000
REQUEST_TIMEOUT = 10.0
READY_TIMEOUT = 60.0


class BenchError(Exception):
    """The benchmark could not run (server did not start, database refused …)."""


# --- Databases ---------------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    engine: str  # "SQLite 3.45.1", "PostgreSQL 15.2"
    label: str  # shown in the report, without passwords


@contextmanager
def sqlite_database(directory: Path) -> Iterator[Database]:
    path = directory / "bench.sqlite3"
    yield Database(
        url=f"sqlite:///{path}", engine=f"SQLite {sqlite3.sqlite_version}", label="SQLite (temporary)"
    )


@contextmanager
def postgres_database(url: str) -> Iterator[Database]:
    """Create the database named in ``url`` (or ``sunshine_bench_<random>``), drop it afterwards.

    An existing database is never used nor dropped: CREATE DATABASE fails and the run stops.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise BenchError(f"--database-url must be a postgres:// URL, not {parts.scheme}://")
    if (parts.hostname or "localhost") not in LOOPBACK_HOSTS:
        raise BenchError("--database-url must point at this machine (127.0.0.1 or localhost)")
    name = parts.path.lstrip("/") or f"sunshine_bench_{secrets.token_hex(4)}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    bench_url = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            row = connection.execute("SHOW server_version").fetchone()
            version = str(row[0]).split()[0] if row else "?"
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.errors.DuplicateDatabase as exc:
        raise BenchError(f"database {name!r} exists already; give a fresh name in --database-url") from exc
    except psycopg.Error as exc:
        raise BenchError(f"cannot create database {name!r}: {exc}") from exc
    try:
        yield Database(
            url=bench_url,
            engine=f"PostgreSQL {version}",
            label=f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{name} (created and dropped by the run)",
        )
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# --- The server --------------------------------------------------------------------------------


@dataclass
class ServerConfig:
    workers: int = 2
    worker_class: str = "sync"
    timeout: int = 30


def server_environment(database: Database, var_dir: Path, *, debug: bool = False) -> dict[str, str]:
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="1" if debug else "0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database.url,
        SUNSHINE_VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def prepare_database(env: dict[str, str]) -> str:
    """Migrate and fill the database; returns how it was filled."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")  # as a deployment does; WhiteNoise serves it
    commands = manage(env, "help", "--commands").stdout.split()
    if "demo_data" in commands:
        manage({**env, "DEBUG": "1"}, "demo_data")  # as `make demo` loads it
        return "demo_data"
    manage(env, "generate", "--agencies", "300", "--staff", "30", "--prefix", "BENCH")
    return "generate --agencies 300 --staff 30"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = REQUEST_TIMEOUT) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def gunicorn(env: dict[str, str], config: ServerConfig, log_dir: Path) -> Iterator[int]:
    """Run gunicorn until the block ends; yields its port. The server is always stopped."""
    port = free_port()
    error_log = log_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "sunshine.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(config.workers),
        "--worker-class",
        config.worker_class,
        "--timeout",
        str(config.timeout),
        "--graceful-timeout",
        "5",
        "--chdir",
        str(ROOT),
        "--error-logfile",
        str(error_log),
        "--log-level",
        "warning",
    ]
    # A session of its own: the master and its workers form one process group, ours to stop.
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_until_ready(process, port, error_log)
        yield port
    finally:
        stop(process)


def wait_until_ready(process: subprocess.Popen[bytes], port: int, error_log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{_tail(error_log)}")
        try:
            status, _ = get(port, "/healthz", timeout=2)
            if status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer /healthz within {READY_TIMEOUT:.0f} s:\n{_tail(error_log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the gunicorn master (it stops its workers); SIGKILL to its group if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            # The master is not reaped yet, so its process group is still the one we started.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    # Workers whose master is gone notice it and exit by themselves (gunicorn checks the parent).


def _tail(path: Path, size: int = 3000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-size:]
    except OSError:
        return "(no log)"


# --- The client --------------------------------------------------------------------------------


@dataclass
class Phase:
    """One URL measured for a few seconds."""

    url: str
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status != "200")


def load(port: int, url: str, *, seconds: float, concurrency: int, max_requests: int) -> Phase:
    """``concurrency`` threads GET ``url`` back to back until ``seconds`` pass or ``max_requests``."""
    phase = Phase(url=url)
    lock = threading.Lock()
    issued = 0
    started = time.perf_counter()
    deadline = started + seconds

    def worker() -> None:
        nonlocal issued
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        while time.perf_counter() < deadline:
            with lock:
                if issued >= max_requests:
                    break
                issued += 1
            begin = time.perf_counter()
            try:
                status, _ = get(port, url)
                statuses[str(status)] += 1
            except (OSError, http.client.HTTPException) as exc:
                statuses[type(exc).__name__] += 1
            latencies.append((time.perf_counter() - begin) * 1000)
        with lock:
            phase.latencies_ms.extend(latencies)
            phase.statuses.update(statuses)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 5)
    phase.seconds = time.perf_counter() - started
    return phase


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarise(phases: list[Phase]) -> dict[str, Any]:
    latencies = [value for phase in phases for value in phase.latencies_ms]
    seconds = sum(phase.seconds for phase in phases)
    statuses: Counter[str] = Counter()
    for phase in phases:
        statuses.update(phase.statuses)
    per_round = [phase.requests / phase.seconds if phase.seconds else 0.0 for phase in phases]
    return {
        "requests": len(latencies),
        "seconds": round(seconds, 3),
        "requests_per_second": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "requests_per_second_by_round": [round(value, 1) for value in per_round],
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "errors": sum(phase.errors for phase in phases),
        "statuses": dict(sorted(statuses.items())),
    }


def measure(
    port: int, urls: list[str], *, rounds: int, seconds: float, concurrency: int, warmup: float
) -> dict[str, dict[str, Any]]:
    """Interleave the URLs: round 1 measures each URL in turn, then round 2, and so on."""
    for url in urls:  # warm every worker's caches, imports and database connections
        load(port, url, seconds=warmup, concurrency=concurrency, max_requests=MAX_REQUESTS_PER_PHASE)
    phases: dict[str, list[Phase]] = {url: [] for url in urls}
    for _ in range(rounds):
        for url in urls:
            phases[url].append(
                load(port, url, seconds=seconds, concurrency=concurrency, max_requests=MAX_REQUESTS_PER_PHASE)
            )
    results = {url: summarise(url_phases) for url, url_phases in phases.items()}
    baseline = results.get(BASELINE_URL, {}).get("requests_per_second") or 0.0
    for result in results.values():
        result["ratio_vs_minimal"] = round(result["requests_per_second"] / baseline, 3) if baseline else None
    return results


# --- The whole HTTP part -----------------------------------------------------------------------


@dataclass
class HttpOptions:
    seconds: float = 3.0
    rounds: int = 3
    concurrency: int = 4
    warmup: float = 1.0
    database_url: str | None = None
    server: ServerConfig = field(default_factory=ServerConfig)


def run(options: HttpOptions) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sunshine-bench-") as directory:
        work = Path(directory)
        databases = postgres_database(options.database_url) if options.database_url else sqlite_database(work)
        with databases as database:
            env = server_environment(database, work)
            seeded_with = prepare_database(env)
            with gunicorn(env, options.server, work) as port:
                for url in URLS:  # every URL must answer 200 before it is measured
                    status, body = get(port, url)
                    if status != 200:
                        raise BenchError(f"GET {url} answered {status}: {body[:300]!r}")
                results = measure(
                    port,
                    URLS,
                    rounds=options.rounds,
                    seconds=options.seconds,
                    concurrency=options.concurrency,
                    warmup=options.warmup,
                )
    return {
        "status": "ok",
        "server": {
            "program": "gunicorn",
            "worker_class": options.server.worker_class,
            "workers": options.server.workers,
            "bind": f"{HOST}:<free port>",
            "settings": "bench.settings (production settings, DEBUG=0, plain HTTP)",
        },
        "client": {
            "threads": options.concurrency,
            "rounds": options.rounds,
            "seconds_per_url_per_round": options.seconds,
            "warmup_seconds_per_url": options.warmup,
            "connection": "a new connection per request (sync workers close after each response)",
        },
        "database": {"engine": database.engine, "where": database.label, "data": seeded_with},
        "urls": results,
        "baseline_url": BASELINE_URL,
    }
