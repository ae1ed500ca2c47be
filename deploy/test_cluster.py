#!/usr/bin/env python3
"""A cluster on loopback, and a request's life through it while parts of it fail.

    sudo .venv/bin/python deploy/test_cluster.py            # the failover test (3 to 7 minutes)
    sudo .venv/bin/python deploy/test_cluster.py --bench    # and the read benchmark, one vs two nodes

What it builds, in a temporary folder, all on 127.0.0.1 (nothing of the machine's own PostgreSQL,
Redis or nginx is touched):

- a PostgreSQL primary of its own (``initdb``, port 55432) and a streaming replica made from it with
  ``pg_basebackup -R`` (port 55433), both run as the ``postgres`` user;
- pgbouncer (port 56432, session pooling) in front of the primary, when it is installed;
- the database migrated and the demo city loaded (``demo_data``) on the primary;
- two gunicorn nodes (ports 18001, 18002) with ``deploy/gunicorn.conf.py``, ``DATABASE_URL`` (the
  primary, through pgbouncer), ``DATABASE_REPLICA_URL`` (the replica) and ``REDIS_URL`` (the
  machine's Redis, database ``--redis-db``, keys under a prefix of this run);
- nginx (port 18080) with the upstream of deploy/nginx/sunshine-cluster.conf (both nodes,
  ``proxy_next_upstream``), and port 18081 with the first node alone (for the benchmark).

Then, for ``--seconds``: two readers read portal pages and the public API through nginx, and a
writer files information requests through the API (``POST /api/v1/requests`` with an
``Idempotency-Key``) and has the demo officer take them through their steps (token, consultation
started and ended, an extension approved by the demo signer). A third of the way in the second
gunicorn node is killed (``SIGKILL``, requests in flight included); two thirds in the replica is
stopped (``pg_ctl stop -m fast``). A reader retries a failed read (as a browser's user would
reload); the writer retries a failed write with the same ``Idempotency-Key``, and an action only
after reading the request back shows it was not taken.

At the end every request filed is looked up on the primary with SQL: present once, with its whole
history. The summary counts reads, retries, reads that failed even after retries, and lost or
duplicated writes; the exit status is 1 when anything was lost or a read failed for good.

Needs root (to run PostgreSQL as ``postgres``), PostgreSQL 15's server binaries
(``/usr/lib/postgresql/15/bin``), nginx, Redis on 6379, and for ``--bench`` wrk; pgbouncer is used when
installed. Every process it starts is stopped, and the folder removed (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"
PRIMARY_PORT, REPLICA_PORT, BOUNCER_PORT = 55432, 55433, 56432
NODE_PORTS = (18001, 18002)
NGINX_PORT, NGINX_ONE_NODE_PORT = 18080, 18081
DEMO_PASSWORD = "sunshine-demo-2026"  # noqa: S105 - the demo city's published password
OFFICER, AGENCY = "officer", "YG-JYJ"
READ_PATHS = ("/", "/agencies/", f"/agencies/{AGENCY}/", "/api/v1/records", "/search/?q=%E9%A2%84%E7%AE%97")
STEPS: tuple[dict[str, Any], ...] = (
    {"action": "start_consultation", "party": "third_party"},
    {"action": "end_consultation"},
    {"action": "extend", "working_days": 5, "reason": "需要检索档案", "approver": "signer"},
)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def run(args: list[str], *, env: dict[str, str] | None = None, user: str | None = None, **kw: Any) -> str:
    if user is not None:
        args = ["runuser", "-u", user, "--", *args]
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, **kw)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        time.sleep(0.5)
    raise RuntimeError(f"nothing answers on port {port}")


# --- The cluster -------------------------------------------------------------------------------


@dataclass
class Cluster:
    tmp: Path
    redis_db: int
    bouncer: bool = False
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    started_pg: list[Path] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        primary_port = BOUNCER_PORT if self.bouncer else PRIMARY_PORT
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
        env.update(
            DJANGO_SETTINGS_MODULE="sunshine.settings",
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            SECURE_HSTS_SECONDS="0",
            DATABASE_URL=f"postgres://postgres@{HOST}:{primary_port}/sunshine",
            DATABASE_REPLICA_URL=f"postgres://postgres@{HOST}:{REPLICA_PORT}/sunshine",
            REDIS_URL=f"redis://{HOST}:6379/{self.redis_db}",
            SUNSHINE_CACHE_PREFIX=f"cluster-test-{os.getpid()}",
            SUNSHINE_VAR_DIR=str(self.tmp / "var"),
            STATIC_ROOT=str(self.tmp / "static"),
            SUNSHINE_TRUST_X_FORWARDED_FOR="1",
            SUNSHINE_WEB_WORKERS="2",
            LOG_LEVEL="WARNING",
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    secret: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    # PostgreSQL
    def start_postgres(self) -> None:
        primary, replica = self.tmp / "primary", self.tmp / "replica"
        shutil.chown(self.tmp, "postgres")
        run(
            [str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
            user="postgres",
        )
        with (primary / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                f"port = {PRIMARY_PORT}\nlisten_addresses = '{HOST}'\n"
                f"unix_socket_directories = '{self.tmp}'\n"
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nmax_connections = 100\n"
                "fsync = on\nshared_buffers = 64MB\n"
            )
        self.pg_ctl(primary, "start")
        run(
            [str(PG_BIN / "createdb"), "-h", HOST, "-p", str(PRIMARY_PORT), "-U", "postgres", "sunshine"],
            user="postgres",
        )
        run(
            [
                str(PG_BIN / "pg_basebackup"),
                "-h",
                HOST,
                "-p",
                str(PRIMARY_PORT),
                "-U",
                "postgres",
                "-D",
                str(replica),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
            user="postgres",
        )
        with (replica / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"port = {REPLICA_PORT}\n")
        self.pg_ctl(replica, "start")
        log(f"PostgreSQL primary on {PRIMARY_PORT}, streaming replica on {REPLICA_PORT}")

    def pg_ctl(self, data: Path, action: str) -> None:
        args = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-t", "60"]
        if action == "start":
            run([*args, "-l", str(data.parent / f"{data.name}.log"), "start"], user="postgres")
            self.started_pg.append(data)
        else:
            run([*args, "-m", "fast", "stop"], user="postgres")
            self.started_pg.remove(data)

    def replica_caught_up(self) -> bool:
        query = "select pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn()"
        out = self.psql(REPLICA_PORT, query)
        return out.strip() == "t"

    def psql(self, port: int, query: str) -> str:
        connect = ["-h", HOST, "-p", str(port), "-U", "postgres", "-d", "sunshine"]
        return run([str(PG_BIN / "psql"), *connect, "-At", "-c", query])

    # pgbouncer
    def start_pgbouncer(self) -> None:
        if shutil.which("pgbouncer") is None:
            log("pgbouncer is not installed: the nodes connect to the primary directly")
            return
        folder = self.tmp / "pgbouncer"
        folder.mkdir()
        ini = (ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini").read_text(encoding="utf-8")
        ini = ini.replace("host=10.0.0.21 port=5432", f"host={HOST} port={PRIMARY_PORT}")
        ini = ini.replace("listen_addr = 10.0.0.11", f"listen_addr = {HOST}")
        ini = ini.replace("listen_port = 6432", f"listen_port = {BOUNCER_PORT}")
        ini = ini.replace("auth_type = scram-sha-256", "auth_type = trust")
        ini = ini.replace("/etc/pgbouncer/userlist.txt", str(folder / "userlist.txt"))
        ini = ini.replace("/var/log/postgresql/pgbouncer.log", str(folder / "pgbouncer.log"))
        ini = ini.replace("/var/run/postgresql/pgbouncer.pid", str(folder / "pgbouncer.pid"))
        ini = ini.replace("unix_socket_dir = /var/run/postgresql", f"unix_socket_dir = {folder}")
        (folder / "pgbouncer.ini").write_text(ini, encoding="utf-8")
        (folder / "userlist.txt").write_text('"postgres" ""\n', encoding="utf-8")
        shutil.chown(folder, "postgres")
        for name in ("pgbouncer.ini", "userlist.txt"):
            shutil.chown(folder / name, "postgres")
        self.processes["pgbouncer"] = subprocess.Popen(  # noqa: S603
            ["runuser", "-u", "postgres", "--", "pgbouncer", str(folder / "pgbouncer.ini")],  # noqa: S607
            stdout=subprocess.DEVNULL,
            stderr=(folder / "stderr.log").open("wb"),
            start_new_session=True,
        )
        time.sleep(1.5)
        self.bouncer = True
        log(f"pgbouncer on {BOUNCER_PORT} in front of the primary (deploy/pgbouncer/pgbouncer.ini)")

    # Django
    def manage(self, *args: str) -> str:
        return run([sys.executable, "manage.py", *args], env=self.env, cwd=ROOT)

    def prepare_site(self) -> None:
        (self.tmp / "var").mkdir()
        self.manage("migrate", "--noinput")
        self.manage("demo_data", "--allow-production")
        self.manage("collectstatic", "--noinput")
        log("migrated, demo city loaded, static files collected (on the primary)")

    def start_node(self, port: int) -> None:
        out = (self.tmp / f"node-{port}.log").open("wb")
        env = {**self.env, "SUNSHINE_BIND": f"{HOST}:{port}"}
        self.processes[f"node-{port}"] = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "info",
                "sunshine.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )

    def kill_node(self, port: int) -> None:
        process = self.processes.pop(f"node-{port}")
        os.killpg(process.pid, signal.SIGKILL)  # master and workers, requests in flight included
        process.wait()

    # nginx
    def start_nginx(self) -> None:
        folder = self.tmp / "nginx"
        folder.mkdir()
        upstream = (ROOT / "deploy" / "nginx" / "sunshine-cluster.conf").read_text(encoding="utf-8")
        block = upstream[
            upstream.index("upstream sunshine_web") : upstream.index(
                "}", upstream.index("upstream sunshine_web")
            )
            + 1
        ]
        for number, port in enumerate(NODE_PORTS, start=1):
            block = block.replace(f"10.0.0.1{number}:8000", f"{HOST}:{port}")
        proxy = (
            "proxy_set_header Host $host; proxy_set_header X-Forwarded-Proto $scheme;"
            " proxy_set_header X-Forwarded-For $remote_addr; proxy_http_version 1.1;"
            ' proxy_set_header Connection ""; proxy_connect_timeout 2s; proxy_read_timeout 30s;'
            " proxy_next_upstream error timeout http_502 http_503 http_504; proxy_next_upstream_tries 2;"
        )
        conf = f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    {block}
    upstream sunshine_one_node {{ server {HOST}:{NODE_PORTS[0]}; keepalive 16; }}
    server {{ listen {HOST}:{NGINX_PORT}; location / {{ proxy_pass http://sunshine_web; {proxy} }} }}
    server {{ listen {HOST}:{NGINX_ONE_NODE_PORT};
             location / {{ proxy_pass http://sunshine_one_node; {proxy} }} }}
}}
"""
        (folder / "nginx.conf").write_text(conf, encoding="utf-8")
        run(["nginx", "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")])
        self.processes["nginx"] = subprocess.Popen(  # noqa: S603
            ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],  # noqa: S607
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(NGINX_PORT)
        log(f"nginx on {NGINX_PORT} (both nodes) and {NGINX_ONE_NODE_PORT} (first node only)")

    def stop(self) -> None:
        for name, process in list(self.processes.items()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            del self.processes[name]
        for data in list(self.started_pg):
            with contextlib.suppress(RuntimeError):
                self.pg_ctl(data, "stop")


@contextlib.contextmanager
def cluster(redis_db: int, keep: bool) -> Iterator[Cluster]:
    tmp = Path(tempfile.mkdtemp(prefix="sunshine-cluster-"))
    built = Cluster(tmp=tmp, redis_db=redis_db)
    try:
        built.start_postgres()
        built.start_pgbouncer()
        built.prepare_site()
        for port in NODE_PORTS:
            built.start_node(port)
        for port in NODE_PORTS:
            wait_for_port(port)
        log(f"gunicorn nodes on {', '.join(map(str, NODE_PORTS))} (deploy/gunicorn.conf.py, 2 workers each)")
        built.start_nginx()
        yield built
    finally:
        built.stop()
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        log("every process started by this test is stopped")


# --- The workload ------------------------------------------------------------------------------


class Http:
    """One client's keep-alive connection to nginx."""

    def __init__(self, port: int = NGINX_PORT) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json", **(headers or {})} if data else dict(headers or {})
        try:
            self.conn.request(method, path, body=data, headers=sent)
            response = self.conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            return 0, None
        if response.getheader("Content-Type", "").startswith("application/json"):
            try:
                return response.status, json.loads(raw)
            except ValueError:
                return response.status, None
        return response.status, raw


@dataclass
class Tally:
    reads: int = 0
    read_retries: int = 0
    reads_failed: int = 0
    writes: int = 0
    write_retries: int = 0
    writes_failed: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    filed: list[dict[str, Any]] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def retried(tally: Tally, attempt: Any, *, ok: Any, kind: str, tries: int = 5) -> Any:
    """Call ``attempt`` until ``ok`` accepts its answer, up to ``tries`` times."""
    for number in range(tries):
        status, body = attempt()
        with tally.lock:
            tally.statuses[status] += 1
        if ok(status, body):
            return status, body
        with tally.lock:
            if kind == "read":
                tally.read_retries += 1
            else:
                tally.write_retries += 1
        time.sleep(0.2 * (number + 1))
    return None


def reader(stop: threading.Event, tally: Tally) -> None:
    client = Http()
    number = 0
    while not stop.is_set():
        path = READ_PATHS[number % len(READ_PATHS)]
        number += 1
        answer = retried(tally, lambda p=path: client.call("GET", p), ok=lambda s, b: s == 200, kind="read")
        with tally.lock:
            tally.reads += 1
            if answer is None:
                tally.reads_failed += 1
                tally.events.append(f"read failed for good: {path}")


def application(number: int) -> dict[str, Any]:
    return {
        "agency": AGENCY,
        "applicant": {
            "kind": "natural_person",
            "name": f"测试申请人{number}",
            "id_type": "passport",
            "id_number": f"E{number:08d}",
            "phone": "13800138000",
            "email": f"applicant{number}@example.com",
            "address": "阳光市人民路1号",
        },
        "description": f"集群测试申请第{number}号：2025年度部门预算执行情况",
        "document_number": "",
        "delivery": {"form": "electronic", "method": "email"},
    }


def writer(stop: threading.Event, tally: Tally) -> None:
    client = Http()
    token_answer = retried(
        tally,
        lambda: client.call("POST", "/api/v1/auth/token", {"username": OFFICER, "password": DEMO_PASSWORD}),
        ok=lambda s, b: s == 201,
        kind="write",
    )
    if token_answer is None:
        tally.events.append("no API token for the officer")
        return
    staff = {"Authorization": f"Bearer {token_answer[1]['token']}"}
    number = 0
    while not stop.is_set():
        number += 1
        key = f"cluster-{os.getpid()}-{number}"
        body = application(number)
        created = retried(
            tally,
            lambda b=body, k=key: client.call("POST", "/api/v1/requests", b, {"Idempotency-Key": k}),
            ok=lambda s, b: s == 201,
            kind="write",
        )
        with tally.lock:
            tally.writes += 1
        if created is None:
            with tally.lock:
                tally.writes_failed += 1
                tally.events.append(f"filing {number} failed for good")
            continue
        request = created[1]
        done = ["submit", "confirm_receipt"]
        # The applicant follows it at once (read-your-writes: an access key reads from the primary).
        follow = retried(
            tally,
            lambda r=request: client.call(
                "GET", f"/api/v1/requests/{r['tracking_code']}", headers={"X-Access-Key": r["access_key"]}
            ),
            ok=lambda s, b: s == 200,
            kind="read",
        )
        with tally.lock:
            tally.reads += 1
            if follow is None:
                tally.reads_failed += 1
                tally.events.append(f"the applicant could not follow {request['tracking_code']}")
        for step in STEPS:
            if take_step(client, tally, staff, request["id"], step, done):
                done.append(step["action"])
            else:
                break
        with tally.lock:
            tally.filed.append(
                {"id": request["id"], "tracking_code": request["tracking_code"], "history": done}
            )


def take_step(
    client: Http, tally: Tally, staff: dict[str, str], request_id: int, step: dict[str, Any], done: list[str]
) -> bool:
    """One staff action; after a failure, retried only if reading the request back shows it was not
    taken (an action is not idempotent: nginx does not pass a POST on to the other node)."""
    path = f"/api/v1/staff/requests/{request_id}"
    for number in range(5):
        status, body = client.call("POST", f"{path}/actions", step, staff)
        with tally.lock:
            tally.statuses[status] += 1
            tally.writes += 1
        if status == 200:
            return True
        with tally.lock:
            if status != 0:
                tally.events.append(f"action {step['action']} on {request_id}: {status} {str(body)[:300]}")
            tally.write_retries += 1
            tally.writes -= 1
        time.sleep(0.2 * (number + 1))
        status, body = client.call("GET", path, headers=staff)
        if status == 200 and [e["action"] for e in body["history"]][len(done) :] == [step["action"]]:
            return True  # it was taken; the answer was lost on the way back
    with tally.lock:
        tally.writes_failed += 1
        tally.events.append(f"action {step['action']} on {request_id} failed for good")
    return False


def check_on_primary(built: Cluster, tally: Tally) -> tuple[int, int, list[str]]:
    """Every request filed, on the primary, once, with its whole history: (found, lost, problems)."""
    problems: list[str] = []
    found = 0
    rows = built.psql(
        PRIMARY_PORT,
        "select r.tracking_code, string_agg(e.action, ',' order by e.id) from inforequests_inforequest r "
        "join inforequests_requestevent e on e.request_id = r.id "
        "where r.description like '集群测试申请%' group by r.tracking_code",
    )
    on_primary = dict(line.split("|", 1) for line in rows.splitlines() if line)
    for filed in tally.filed:
        history = on_primary.get(filed["tracking_code"])
        if history is None:
            problems.append(f"{filed['tracking_code']} is missing on the primary")
            continue
        found += 1
        if history.split(",") != filed["history"]:
            problems.append(
                f"{filed['tracking_code']}: history {history} on the primary, expected {filed['history']}"
            )
    extra = len(on_primary) - len(tally.filed)
    if extra:
        problems.append(f"{extra} requests on the primary that the writer does not know of (duplicates?)")
    return found, len(tally.filed) - found, problems


def failover_run(built: Cluster, seconds: float) -> dict[str, Any]:
    tally = Tally()
    stop = threading.Event()
    threads = [threading.Thread(target=reader, args=(stop, tally)) for _ in range(2)]
    threads.append(threading.Thread(target=writer, args=(stop, tally)))
    for thread in threads:
        thread.start()
    started = time.monotonic()
    time.sleep(seconds / 3)
    log(f"killing gunicorn node {NODE_PORTS[1]} (SIGKILL, requests in flight)")
    built.kill_node(NODE_PORTS[1])
    tally.events.append(f"{time.monotonic() - started:.1f}s: node {NODE_PORTS[1]} killed")
    time.sleep(seconds / 3)
    caught_up = built.replica_caught_up()
    replica_reads = built.psql(
        REPLICA_PORT, "select xact_commit from pg_stat_database where datname = 'sunshine'"
    )
    tally.events.append(f"transactions on the replica before it stopped: {replica_reads.strip()}")
    log(f"stopping the replica (pg_ctl stop -m fast); it had replayed all it received: {caught_up}")
    built.pg_ctl(built.tmp / "replica", "stop")
    tally.events.append(f"{time.monotonic() - started:.1f}s: replica stopped")
    time.sleep(seconds / 3)
    stop.set()
    for thread in threads:
        thread.join()
    found, lost, problems = check_on_primary(built, tally)
    node_logs = "".join(
        path.read_text(encoding="utf-8", errors="replace") for path in built.tmp.glob("node-*.log")
    )
    return {
        "seconds": seconds,
        "reads": tally.reads,
        "read_retries": tally.read_retries,
        "reads_failed_after_retries": tally.reads_failed,
        "write_calls": tally.writes,
        "write_retries": tally.write_retries,
        "writes_failed_after_retries": tally.writes_failed,
        "requests_filed": len(tally.filed),
        "requests_on_primary_with_full_history": found - len([p for p in problems if "history" in p]),
        "requests_lost": lost,
        "problems": problems,
        "http_statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "nodes_gave_up_the_replica": node_logs.count("read replica unavailable"),
        "views_run_again_on_the_primary": node_logs.count("the view runs again on the primary"),
        "server_errors_logged": node_logs.count("Internal Server Error"),
        "gunicorn_workers_booted": node_logs.count("Booting worker"),
        "gunicorn_worker_timeouts": node_logs.count("WORKER TIMEOUT"),
        "events": tally.events,
    }


# --- The benchmark -----------------------------------------------------------------------------


def wrk(port: int, path: str, seconds: int, connections: int) -> dict[str, Any]:
    out = run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://{HOST}:{port}{path}"])
    figures: dict[str, Any] = {"path": path, "connections": connections, "seconds": seconds}
    for line in out.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            figures["requests_per_second"] = float(words[1])
        elif line.strip().startswith("Socket errors:"):
            figures["socket_errors"] = line.split(":", 1)[1].strip()
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            figures["non_2xx"] = int(words[-1])
        elif line.strip().startswith("99%"):
            figures["p99"] = words[1]
        elif line.strip().startswith("50%"):
            figures["p50"] = words[1]
    figures.setdefault("non_2xx", 0)
    return figures


def bench_run(seconds: int, connections: int) -> dict[str, Any]:
    results: dict[str, Any] = {"rows": []}
    for path in ("/", "/api/v1/records"):
        for nodes, port in ((1, NGINX_ONE_NODE_PORT), (2, NGINX_PORT)):
            wrk(port, path, 3, connections)  # warm the caches and every worker
            figures = wrk(port, path, seconds, connections)
            figures["nodes"] = nodes
            figures["load_average"] = os.getloadavg()[0]
            log(
                f"  {nodes} node(s) {path}: {figures['requests_per_second']:.0f} req/s, "
                f"p50 {figures.get('p50')}, "
                f"p99 {figures.get('p99')}, non-2xx {figures['non_2xx']}, load {figures['load_average']:.2f}"
            )
            results["rows"].append(figures)
    return results


def write_bench(bench: dict[str, Any]) -> Path:
    stamp = datetime.now(UTC)
    bench.update(
        {
            "when": stamp.isoformat(timespec="seconds"),
            "machine": {
                "cores": os.cpu_count(),
                "python": platform.python_version(),
                "system": platform.platform(),
            },
            "setup": "nginx -> 2 gunicorn nodes x 2 sync workers on one machine; "
            "PostgreSQL primary + streaming "
            "replica; Redis cache; wrk -t2 on the same machine",
        }
    )
    folder = ROOT / "bench" / "results"
    target = folder / "cluster-loopback.json"
    target.write_text(json.dumps(bench, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [
        "# Read throughput through nginx: one gunicorn node against two",
        "",
        f"{bench['when']}, {os.cpu_count()} cores, {bench['setup']}.",
        "",
        "| path | nodes | requests/s | p50 | p99 | non-2xx | load average (1 min) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in bench["rows"]:
        lines.append(
            f"| `{row['path']}` | {row['nodes']} | {row['requests_per_second']:.0f} | {row.get('p50')} | "
            f"{row.get('p99')} | {row['non_2xx']} | {row['load_average']:.2f} |"
        )
    (folder / "cluster-loopback.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=45, help="length of the failover run")
    parser.add_argument("--bench", action="store_true", help="also measure reads, one node against two")
    parser.add_argument("--bench-seconds", type=int, default=15)
    parser.add_argument("--bench-connections", type=int, default=16)
    parser.add_argument("--redis-db", type=int, default=13, help="the Redis database the nodes' cache uses")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("Run as root: PostgreSQL is started as the postgres user.", file=sys.stderr)
        return 2
    with cluster(args.redis_db, args.keep) as built:
        for path in READ_PATHS:
            status, _body = Http().call("GET", path)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status} before the run")
        if args.bench:
            log("benchmark: wrk through nginx, first node alone, then both")
            bench = bench_run(args.bench_seconds, args.bench_connections)
            log(f"benchmark written to {write_bench(bench).relative_to(ROOT)}")
        log(f"failover run: {args.seconds:.0f}s, 2 readers and 1 writer through nginx")
        summary = failover_run(built, args.seconds)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    ok = (
        summary["requests_lost"] == 0
        and not summary["problems"]
        and summary["reads_failed_after_retries"] == 0
    )
    ok = ok and summary["writes_failed_after_retries"] == 0 and summary["requests_filed"] > 0
    print(
        ("PASS" if ok else "FAIL")
        + f": {summary['requests_filed']} requests filed, {summary['requests_lost']} lost, "
        f"{summary['reads']} reads ({summary['read_retries']} retries, "
        f"{summary['reads_failed_after_retries']} failed for good)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
