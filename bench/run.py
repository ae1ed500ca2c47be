"""Run Sunshine's benchmarks and write bench/results/ (``python -m bench.run``, ``make bench``).

Parts: the deadline clock's throughput (``bench.clock_bench``, when present), the HTTP
throughput of real pages under gunicorn against the minimal Django view, and the request queue and
reminder sweep on a million requests (``bench.request_queue_bench``), and the public record pages,
import and search on generated records (``bench.portal_bench``). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bench import http_bench, portal_bench

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
QUEUE_TIMEOUT = 40 * 60  # seconds; a first build of 1,000,000 requests takes a few minutes
CLOCK_KEYS = ("pairs", "seconds", "due_dates_per_second", "baseline_per_second", "ratio_vs_baseline")


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' (with uncommitted changes)' if dirty else ''}"


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": package_version("django"),
        "gunicorn": package_version("gunicorn"),
        "revision": git_revision(),
    }


def run_clock(pairs: int) -> dict[str, Any]:
    """bench.clock_bench.run(n=pairs), in this process; "missing" while that module does not exist."""
    # The clock may use Django (the calendar); production settings with a throwaway secret.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if "SECRET_KEY" not in os.environ and "SECRET_KEY_FILE" not in os.environ:
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    try:
        module = importlib.import_module("bench.clock_bench")
    except ModuleNotFoundError as exc:
        if exc.name == "bench.clock_bench":
            return {"status": "missing", "reason": "bench/clock_bench.py does not exist yet"}
        return {"status": "error", "error": f"importing bench.clock_bench: {exc!r}"}
    try:
        import django

        django.setup()
        result = module.run(n=pairs)
    except Exception as exc:  # one failing part must not lose the others' figures
        return {"status": "error", "error": repr(exc)}
    if not isinstance(result, dict):
        return {"status": "error", "error": f"run() returned {type(result).__name__}, not a dict"}
    missing = [key for key in CLOCK_KEYS if key not in result]
    return {
        "status": "ok" if not missing else "incomplete",
        **result,
        **({"missing": missing} if missing else {}),
    }


def run_queue(requests: int, runs: int, database_url: str | None, rebuild: bool) -> dict[str, Any]:
    """bench.request_queue_bench in a subprocess (it configures Django for its own database)."""
    env = {name: os.environ[name] for name in http_bench.PASSED_THROUGH if name in os.environ}
    env.update(PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", SECRET_KEY=secrets.token_urlsafe(50))
    with tempfile.TemporaryDirectory(prefix="sunshine-bench-queue-") as directory:
        output = Path(directory) / "queue.json"
        command = [
            sys.executable,
            "-m",
            "bench.request_queue_bench",
            "--requests",
            str(requests),
            "--runs",
            str(runs),
            "--output",
            str(output),
        ]
        if database_url:
            command += ["--database-url", database_url]
        if rebuild:
            command.append("--rebuild")
        try:
            # Progress of a first build goes to the terminal (stderr is not captured).
            subprocess.run(command, cwd=ROOT, env=env, timeout=QUEUE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return {"status": "error", "error": f"did not finish within {QUEUE_TIMEOUT} s"}
        if not output.exists():
            return {
                "status": "error",
                "error": "bench.request_queue_bench wrote no result (see its output above)",
            }
        result: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
        return result


def run_annual(requests: int, runs: int, database_url: str | None, output_dir: Path) -> dict[str, Any]:
    """bench.annual_report_bench in a subprocess; its figures also go to annual-report-<engine>.json."""
    env = {name: os.environ[name] for name in http_bench.PASSED_THROUGH if name in os.environ}
    env.update(PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", SECRET_KEY=secrets.token_urlsafe(50))
    output = output_dir / f"annual-report-{'postgresql' if database_url else 'sqlite'}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "bench.annual_report_bench",
        "--requests",
        str(requests),
        "--runs",
        str(runs),
    ]
    command += ["--output", str(output)] + (["--database-url", database_url] if database_url else [])
    try:
        subprocess.run(
            command, cwd=ROOT, env=env, timeout=QUEUE_TIMEOUT, check=False, stdout=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"did not finish within {QUEUE_TIMEOUT} s"}
    if not output.exists():
        return {
            "status": "error",
            "error": "bench.annual_report_bench wrote no result (see its output above)",
        }
    result: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return result


def run_part(
    module: str, arguments: list[str], output: Path, database_url: str | None = None
) -> dict[str, Any]:
    """``python -m bench.<module> <arguments> --output <output> [--database-url URL]`` in a subprocess
    (its progress on the terminal); the figures it wrote to ``output``, or the error."""
    env = {name: os.environ[name] for name in http_bench.PASSED_THROUGH if name in os.environ}
    env.update(PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", SECRET_KEY=secrets.token_urlsafe(50))
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", f"bench.{module}", *arguments, "--output", str(output)]
    command += ["--database-url", database_url] if database_url else []
    try:
        subprocess.run(
            command, cwd=ROOT, env=env, timeout=QUEUE_TIMEOUT, check=False, stdout=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"did not finish within {QUEUE_TIMEOUT} s"}
    if not output.exists():
        return {"status": "error", "error": f"bench.{module} wrote no result (see its output above)"}
    result: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return result


def _engine(database_url: str | None) -> str:
    return "postgresql" if database_url else "sqlite"


def run_faq(entries: int, database_url: str | None, output_dir: Path) -> dict[str, Any]:
    """bench.faq_bench in a subprocess; its figures also go to faq-<engine>.json."""
    output = output_dir / f"faq-{_engine(database_url)}.json"
    return run_part("faq_bench", ["--entries", str(entries)], output, database_url)


def run_letters(letters: int, database_url: str | None, output_dir: Path) -> dict[str, Any]:
    """bench.letters_bench in a subprocess; its figures also go to letters-<engine>.json."""
    output = output_dir / f"letters-{_engine(database_url)}.json"
    return run_part("letters_bench", ["--letters", str(letters)], output, database_url)


def run_supervision(cases: int, database_url: str | None, output_dir: Path) -> dict[str, Any]:
    """bench.supervision_bench in a subprocess; its figures also go to supervision-<engine>.json (and
    its own bench/results/supervision-<engine>-<n>.md)."""
    output = output_dir / f"supervision-{_engine(database_url)}.json"
    return run_part("supervision_bench", ["--cases", str(cases)], output, database_url)


def run_oversight(
    records: int, requests: int, agencies: int, database_url: str | None, output_dir: Path
) -> dict[str, Any]:
    """bench.oversight_bench in a subprocess; its figures also go to oversight-<engine>-<records>.json
    and .md in ``output_dir``."""
    output = output_dir / f"oversight-{_engine(database_url)}-{records}.json"
    arguments = ["--records", str(records), "--requests", str(requests), "--agencies", str(agencies)]
    return run_part("oversight_bench", arguments, output, database_url)


def run_uploads(seconds: float, output_dir: Path) -> dict[str, Any]:
    """bench.upload_bench in a subprocess (SQLite); its figures also go to uploads-sqlite.json (and
    its own bench/results/uploads-sqlite.md)."""
    return run_part("upload_bench", ["--seconds", str(seconds)], output_dir / "uploads-sqlite.json")


def run_import(records: int, database_url: str | None, output_dir: Path) -> dict[str, Any]:
    """bench.import_bench in a subprocess; its figures also go to import-<engine>-<records>.json."""
    output = output_dir / f"import-{_engine(database_url)}-{records}.json"
    return run_part("import_bench", ["--records", str(records)], output, database_url)


def run_static(seconds: float, output_dir: Path) -> dict[str, Any]:
    """bench.static_bench in a subprocess (nginx and wrk, the demo site on SQLite); its figures also go
    to static-sqlite.json and .md."""
    return run_part("static_bench", ["--seconds", str(max(seconds, 2.0))], output_dir / "static-sqlite.json")


def run_http(options: http_bench.HttpOptions) -> dict[str, Any]:
    try:
        return http_bench.run(options)
    except http_bench.BenchError as exc:
        return {"status": "error", "error": str(exc)}


def run_portal(options: portal_bench.PortalOptions) -> dict[str, Any]:
    try:
        return portal_bench.run(options)
    except http_bench.BenchError as exc:
        return {"status": "error", "error": str(exc)}


# --- Report ------------------------------------------------------------------------------------


def _number(value: Any, digits: int = 0) -> str:
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return "–" if value is None else str(value)


def markdown(report: dict[str, Any]) -> str:
    meta = report["machine"]
    lines = [
        f"# Sunshine benchmark, {report['started_at']}",
        "",
        f"- machine: {meta['cpu_count']} cores (os.cpu_count()), {meta['platform']}",
        f"- Python {meta['python']}, Django {meta['django']}, gunicorn {meta['gunicorn']}",
        f"- revision: {meta['revision']}",
    ]
    http = report.get("http")
    if http and http.get("status") == "ok":
        lines.append(f"- database: {http['database']['engine']} ({http['database']['data']})")
    lines.append("")
    clock = report.get("clock")
    if clock is not None:
        lines += ["## Deadline clock", ""]
        if clock.get("status") in ("ok", "incomplete"):
            lines += [
                "| pairs | seconds | due dates / s | baseline / s | ratio vs baseline |",
                "| ---: | ---: | ---: | ---: | ---: |",
                f"| {_number(clock.get('pairs'))} | {_number(clock.get('seconds'), 2)} "
                f"| {_number(clock.get('due_dates_per_second'))} "
                f"| {_number(clock.get('baseline_per_second'))} "
                f"| {_number(clock.get('ratio_vs_baseline'), 1)} |",
            ]
        else:
            lines.append(f"Not measured: {clock.get('reason') or clock.get('error')}")
        lines.append("")
    queue = report.get("queue")
    if queue is not None:
        lines += ["## Request queue and reminder sweep", ""]
        if queue.get("status") == "ok":
            database = queue["database"]
            built = database.get("built_in_seconds")
            lines += [
                f"{database['engine']}, {database['where']}: {_number(database['requests'])} requests"
                + (
                    f" (built in this run in {_number(built, 1)} s)."
                    if built
                    else " (built by an earlier run)."
                ),
                "",
                "| measurement | runs | matching | p50 ms | p95 ms | target | met |",
                "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
            ]
            officer, province = queue["queue_officer"], queue["queue_province"]
            met = queue["meets_targets"]
            lines.append(
                f"| queue, first page: officer of {officer['agency']} | {officer['runs']} "
                f"| {_number(officer['matching_requests'])} | {_number(officer['p50_ms'], 1)} "
                f"| {_number(officer['p95_ms'], 1)} | p95 ≤ {_number(officer['target_p95_ms'])} ms "
                f"| {'yes' if met['queue_p95'] else 'NO'} |"
            )
            lines.append(
                f"| queue, first page: province disclosure office | {province['runs']} "
                f"| {_number(province['matching_requests'])} | {_number(province['p50_ms'], 1)} "
                f"| {_number(province['p95_ms'], 1)} | – | – |"
            )
            sweep = queue["sweep"]
            lines += [
                "",
                "| reminder sweep (plan, no e-mail) | open requests | due soon | overdue | digests | seconds "
                "| open / s | target | met |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
                f"| as of {sweep['today']} | {_number(sweep['open_requests'])} "
                f"| {_number(sweep['due_soon'])} | {_number(sweep['overdue'])} "
                f"| {_number(sweep['digests'])} | {_number(sweep['seconds'], 2)} "
                f"| {_number(sweep['open_requests_per_second'])} | ≤ {_number(sweep['target_seconds'])} s "
                f"| {'yes' if met['sweep'] else 'NO'} |",
            ]
        else:
            lines.append(f"Not measured: {queue.get('error')}")
        lines.append("")
    annual = report.get("annual")
    if annual is not None:
        lines += ["## Annual report (scope tree)", ""]
        if annual.get("status") == "ok":
            measured, base = annual["report"], annual["baseline"]
            lines += [
                f"{annual['database']['engine']}: {_number(annual['database']['requests_in_tree'])} "
                f"requests in the tree of {annual['agency']}, year {annual['year']}.",
                "",
                "| measurement | runs | queries | median ms | baseline median ms | ratio | target | met |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
                f"| compute_report | {measured['runs']} | {measured['queries']} "
                f"| {_number(measured['median_ms'], 1)} | {_number(base['median_ms'], 1)} "
                f"| {_number(annual['ratio_vs_baseline'], 2)} "
                f"| ≤ {_number(annual['target_seconds'])} s | {'yes' if annual['meets_target'] else 'NO'} |",
            ]
        else:
            lines.append(f"Not measured: {annual.get('error')}")
        lines.append("")
    faq = report.get("faq")
    if faq is not None:
        lines += ["## Common questions (search)", ""]
        if faq.get("status") == "ok":
            lines += [
                f"{faq['engine']}: {_number(faq['entries'])} questions, "
                f"{faq['runs_per_query']} runs per query: p50 {_number(faq['p50_ms'], 1)} ms, "
                f"p95 {_number(faq['p95_ms'], 1)} ms (target ≤ {_number(faq['target_p95_ms'])} ms: "
                f"{'met' if faq['meets_target'] else 'NOT met'}).",
            ]
        else:
            lines.append(f"Not measured: {faq.get('error')}")
        lines.append("")
    imported = report.get("import")
    if imported is not None:
        lines += ["## Records import (onboarding)", ""]
        if imported.get("status") == "ok":
            lines += [
                f"{imported['engine']}: {_number(imported['records'])} records with one attachment each "
                f"imported and indexed in {_number(imported['seconds'], 1)} s "
                f"({_number(imported['records_per_second'], 1)} / s; process start "
                f"{_number(imported['startup_seconds'], 1)} s apart); baseline bulk insert of the same rows "
                f"{_number(imported['baseline_seconds'], 1)} s "
                f"(× {_number(imported['ratio_vs_baseline'], 1)}); "
                f"projected {_number(imported['projected_seconds_for_target'])} s for "
                f"{_number(imported['target_records'])} (target ≤ {_number(imported['target_seconds'])} s: "
                f"{'met' if imported['meets_target'] else 'NOT met'}).",
            ]
        else:
            lines.append(f"Not measured: {imported.get('error')}")
        lines.append("")
    portal = report.get("portal")
    if portal is not None:
        lines.append(portal_bench.markdown(portal))
    supervision = report.get("supervision")
    if supervision is not None:
        from bench import supervision_bench

        lines.append(supervision_bench.markdown(supervision))
    oversight = report.get("oversight")
    if oversight is not None:
        from bench import oversight_bench

        lines.append(oversight_bench.markdown(oversight))
    uploads = report.get("uploads")
    if uploads is not None:
        from bench import upload_bench

        lines.append(upload_bench.markdown(uploads))
    static = report.get("static")
    if static is not None:
        from bench import static_bench

        lines.append(static_bench.markdown(static))
    if http is not None:
        lines += ["## HTTP", ""]
        if http.get("status") == "ok":
            server, client = http["server"], http["client"]
            lines += [
                f"gunicorn, {server['workers']} {server['worker_class']} workers on 127.0.0.1; client: "
                f"{client['threads']} threads, {client['rounds']} rounds × "
                f"{client['seconds_per_url_per_round']} s per URL, interleaved.",
                "",
                "| URL | requests | req/s | req/s by round | p50 ms | p95 ms | vs minimal | errors |",
                "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
            ]
            for url, row in http["urls"].items():
                by_round = " / ".join(_number(value) for value in row["requests_per_second_by_round"])
                lines.append(
                    f"| `{url}` | {_number(row['requests'])} | {_number(row['requests_per_second'], 1)} "
                    f"| {by_round} | {_number(row['p50_ms'], 2)} | {_number(row['p95_ms'], 2)} "
                    f"| {_number(row['ratio_vs_minimal'], 3)} | {row['errors']} |"
                )
        else:
            lines.append(f"Not measured: {http.get('error')}")
        lines.append("")
    return "\n".join(lines)


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def write_results(report: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report["started_at"].replace(":", "").replace("-", "")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    paths = [directory / "latest.json", directory / f"{stamp}.json", directory / "latest.md"]
    write_atomically(paths[0], text)
    write_atomically(paths[1], text)
    write_atomically(paths[2], markdown(report))
    return paths


# --- Command line ------------------------------------------------------------------------------


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--only",
        choices=[
            "clock",
            "http",
            "queue",
            "annual",
            "portal",
            "faq",
            "letters",
            "supervision",
            "oversight",
            "uploads",
            "import",
            "static",
        ],
        help="run one part only",
    )
    parser.add_argument(
        "--clock-pairs", type=int, default=1_000_000, help="(start, days) pairs for the clock"
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per URL per round (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the URLs (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument(
        "--database-url",
        help="run the HTTP part on PostgreSQL: postgres://postgres@127.0.0.1:5432/<fresh name> "
        "(created and dropped by the run; an existing database is refused)",
    )
    parser.add_argument(
        "--queue-requests",
        type=int,
        default=1_000_000,
        help="requests in the queue benchmark's database (default 1,000,000; built once under var/bench/)",
    )
    parser.add_argument("--queue-runs", type=int, default=60, help="timed calls of each queue (default 60)")
    parser.add_argument(
        "--queue-database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or None,
        help="run the queue part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench "
        "(default $BENCH_DATABASE_URL; the database is kept between runs)",
    )
    parser.add_argument(
        "--queue-rebuild", action="store_true", help="build the queue benchmark's database again"
    )
    parser.add_argument(
        "--annual-requests",
        type=int,
        default=100_000,
        help="requests in the annual report benchmark (default 100,000)",
    )
    parser.add_argument(
        "--annual-runs", type=int, default=7, help="timed calls of compute_report (default 7)"
    )
    parser.add_argument(
        "--annual-database-url",
        default=None,
        help="run the annual report part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench_annual",
    )
    parser.add_argument(
        "--portal-records",
        type=int,
        default=20_000,
        help="records generated for the portal part (default 20,000; 1,000,000 for the full run)",
    )
    parser.add_argument(
        "--import-records",
        type=int,
        default=10_000,
        help="records with one attachment each in the import part (default 10,000; issue #18: 100,000)",
    )
    parser.add_argument(
        "--import-database-url",
        default=None,
        help="run the import part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench_import",
    )
    parser.add_argument(
        "--faq-entries", type=int, default=10_000, help="common questions in the faq part (default 10,000)"
    )
    parser.add_argument(
        "--faq-database-url",
        default=None,
        help="run the faq part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench_faq",
    )
    parser.add_argument(
        "--letters", type=int, default=100_000, help="letters in the letters part (default 100,000)"
    )
    parser.add_argument(
        "--letters-database-url",
        default=os.environ.get("DATABASE_URL", "")
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else None,
        help="run the letters part on PostgreSQL (default $DATABASE_URL when it is PostgreSQL): "
        "postgres://postgres@127.0.0.1:5432/sunshine_bench_letters",
    )
    parser.add_argument(
        "--cases", type=int, default=100_000, help="cases in the supervision part (default 100,000)"
    )
    parser.add_argument(
        "--supervision-database-url",
        default=None,
        help="run the supervision part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench_cases",
    )
    parser.add_argument(
        "--oversight-records",
        type=int,
        default=100_000,
        help="published records in the oversight part (default 100,000; 1,000,000 for the full figure)",
    )
    parser.add_argument(
        "--oversight-requests",
        type=int,
        default=10_000,
        help="requests for information in the oversight part (default 10,000; 100,000 for the full figure)",
    )
    parser.add_argument(
        "--oversight-agencies", type=int, default=1000, help="agencies in the oversight part (default 1,000)"
    )
    parser.add_argument(
        "--oversight-database-url",
        default=None,
        help="run the oversight part on PostgreSQL: postgres://postgres@127.0.0.1:5432/sunshine_bench_oversight",
    )
    parser.add_argument("--output-dir", type=Path, default=RESULTS_DIR, help="where to write the results")
    arguments = parser.parse_args(argv)
    if arguments.seconds <= 0 or arguments.rounds < 1 or arguments.threads < 1 or arguments.workers < 1:
        parser.error("--seconds, --rounds, --threads and --workers must be positive")
    if arguments.seconds > 60:
        parser.error("--seconds is per URL and round; at most 60")
    if arguments.portal_records < 100:
        parser.error("--portal-records must be at least 100")
    if arguments.queue_requests < 1 or arguments.queue_runs < 1:
        parser.error("--queue-requests and --queue-runs must be positive")
    if min(arguments.oversight_records, arguments.oversight_requests, arguments.oversight_agencies) < 1:
        parser.error("--oversight-records, --oversight-requests and --oversight-agencies must be positive")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "started_at": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
    }
    if arguments.only in (None, "clock"):
        print(f"clock: {arguments.clock_pairs:,} pairs …", flush=True)
        report["clock"] = run_clock(arguments.clock_pairs)
    if arguments.only in (None, "http"):
        print(
            f"http: {arguments.rounds} rounds × {arguments.seconds} s × {len(http_bench.URLS)} URLs …",
            flush=True,
        )
        report["http"] = run_http(
            http_bench.HttpOptions(
                seconds=arguments.seconds,
                rounds=arguments.rounds,
                concurrency=arguments.threads,
                warmup=min(1.0, arguments.seconds),
                database_url=arguments.database_url,
                server=http_bench.ServerConfig(workers=arguments.workers),
            )
        )
    if arguments.only in (None, "queue"):
        print(f"queue: {arguments.queue_requests:,} requests, {arguments.queue_runs} runs …", flush=True)
        report["queue"] = run_queue(
            arguments.queue_requests,
            arguments.queue_runs,
            arguments.queue_database_url,
            arguments.queue_rebuild,
        )
    if arguments.only in (None, "annual"):
        print(f"annual: {arguments.annual_requests:,} requests, {arguments.annual_runs} runs …", flush=True)
        report["annual"] = run_annual(
            arguments.annual_requests,
            arguments.annual_runs,
            arguments.annual_database_url,
            arguments.output_dir,
        )
    if arguments.only in (None, "portal"):
        print(f"portal: {arguments.portal_records:,} generated records …", flush=True)
        report["portal"] = run_portal(
            portal_bench.PortalOptions(
                records=arguments.portal_records,
                seconds=arguments.seconds,
                rounds=arguments.rounds,
                concurrency=arguments.threads,
                warmup=min(1.0, arguments.seconds),
                database_url=arguments.database_url,
                server=http_bench.ServerConfig(workers=arguments.workers),
            )
        )
    if arguments.only in (None, "faq"):
        print(f"faq: {arguments.faq_entries:,} common questions …", flush=True)
        report["faq"] = run_faq(arguments.faq_entries, arguments.faq_database_url, arguments.output_dir)
    if arguments.only in (None, "letters"):
        print(f"letters: {arguments.letters:,} letters …", flush=True)
        report["letters"] = run_letters(
            arguments.letters, arguments.letters_database_url, arguments.output_dir
        )
    if arguments.only in (None, "supervision"):
        print(f"supervision: {arguments.cases:,} cases …", flush=True)
        report["supervision"] = run_supervision(
            arguments.cases, arguments.supervision_database_url, arguments.output_dir
        )
    if arguments.only in (None, "oversight"):
        print(
            f"oversight: {arguments.oversight_records:,} records, {arguments.oversight_requests:,} requests, "
            f"{arguments.oversight_agencies:,} agencies …",
            flush=True,
        )
        report["oversight"] = run_oversight(
            arguments.oversight_records,
            arguments.oversight_requests,
            arguments.oversight_agencies,
            arguments.oversight_database_url,
            arguments.output_dir,
        )
    if arguments.only in (None, "uploads"):
        print("uploads: hostile files and a concurrent write …", flush=True)
        report["uploads"] = run_uploads(arguments.seconds, arguments.output_dir)
    if arguments.only in (None, "import"):
        print(f"import: {arguments.import_records:,} records with their attachments …", flush=True)
        report["import"] = run_import(
            arguments.import_records, arguments.import_database_url, arguments.output_dir
        )
    if arguments.only in (None, "static"):
        print("static: the demo site published and served by nginx …", flush=True)
        report["static"] = run_static(arguments.seconds, arguments.output_dir)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    paths = write_results(report, arguments.output_dir)
    print(markdown(report))
    print(
        "written: "
        + ", ".join(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path) for path in paths)
    )
    failed = [
        part
        for part in (
            "clock",
            "http",
            "queue",
            "annual",
            "portal",
            "faq",
            "letters",
            "supervision",
            "oversight",
            "uploads",
            "import",
            "static",
        )
        if report.get(part, {}).get("status") == "error"
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
