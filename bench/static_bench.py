"""Static publishing (docs/static_publishing.md): nginx serving the published record pages through
``deploy/nginx/sunshine-static.conf`` against nginx serving one small static file, in the same run,
measured with wrk; and the time to publish the demo site and to bring it up to date after a withdrawal.

``python -m bench.static_bench [--seconds S] [--rounds R] [--output FILE]`` (SQLite demo database under
var/bench/, built once). Needs Debian's nginx and wrk (``apt-get install -y nginx wrk``); runs its own
nginx on free ports with a configuration in a temporary folder (the system's nginx is not touched).
Target: record pages ≥ 0.5× the small file's requests per second.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.request_queue_bench import BENCH_DIR, ROOT, configure

CONFIG = ROOT / "deploy" / "nginx" / "sunshine-static.conf"
TARGET_RATIO = 0.5
SMALL_FILE = b"<!doctype html><title>ok</title><p>Sunshine\n"
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(list)s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


class BenchError(Exception):
    pass


def tool(name: str) -> str:
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if found is None:
        raise BenchError(f"{name} is not installed (apt-get install -y {name}).")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# --- The demo site ------------------------------------------------------------------------------


def demo_database() -> tuple[str, float | None]:
    """The demo city with its records (built once into var/bench/static-demo.sqlite3)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / "static-demo.sqlite3"
    configure(f"sqlite:///{path}")
    from django.core.management import call_command

    from sunshine.records.models import Record

    call_command("migrate", verbosity=0)
    if Record.objects.filter(index_number__isnull=False).exists():
        return str(path), None
    began = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("demo_data", allow_production=True, verbosity=0, stdout=quiet)
        call_command("demo_records", allow_production=True, verbosity=0, stdout=quiet)
        for name in ("demo_bulletins", "demo_oversight"):
            try:
                call_command(name, force=True, verbosity=0, stdout=quiet)
            except Exception as exc:  # a part of the demo that needs others: the rest is enough
                print(f"{name} not loaded: {exc}", file=sys.stderr)
    return str(path), round(time.perf_counter() - began, 1)


def publish(root: Path, *, keep: bool = False) -> dict[str, Any]:
    """A first build, a second one with nothing changed, and the refresh after one withdrawal
    (``keep``: the site published by an earlier run is kept, only the withdrawal is measured)."""
    from sunshine.portal import static_site
    from sunshine.records import services
    from sunshine.records.selectors import published_records

    skipped = static_site.Outcome().summary() | {"skipped": True}
    first = skipped if keep else static_site.build(root).summary()
    second = skipped if keep else static_site.build(root).summary()
    revision = published_records().select_related("record__agency").order_by("-published_at").first()
    incremental: dict[str, Any] = {}
    if revision is not None:
        services.withdraw(revision=revision, by=None, reason="bench")
        groups = static_site.groups_of_record(revision.record)
        refreshed = static_site.refresh(root, groups)
        gone = not (root / "records" / (revision.record.index_number or "")).exists()
        incremental = {"groups": len(groups), **refreshed.summary(), "withdrawn_record_files_gone": gone}
    pages = static_site.Site(root)
    pages.load()
    return {
        "first_build": first,
        "second_build": second,
        "after_withdrawal": incremental,
        "pages": len(pages.entries),
        "bytes": sum(entry["bytes"] for entry in pages.entries.values()),
    }


# --- nginx and wrk ------------------------------------------------------------------------------


def nginx_config(work: Path, site: Path, small_port: int, site_port: int, app_port: int) -> Path:
    """An nginx configuration of its own: the deploy file (its folder, port and upstream replaced)
    and a plain server with one small file."""
    deploy = CONFIG.read_text(encoding="utf-8")
    deploy = deploy.replace("/srv/sunshine/static-site", str(site))
    deploy = deploy.replace("/srv/sunshine/staticfiles/", f"{work}/staticfiles/")
    deploy = deploy.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    deploy = re.sub(r"listen 80;", f"listen 127.0.0.1:{site_port} reuseport;", deploy)
    (work / "sunshine-static.conf").write_text(deploy, encoding="utf-8")
    (work / "small").mkdir()
    (work / "small" / "index.html").write_bytes(SMALL_FILE)
    (work / "staticfiles").mkdir()
    main = f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{small_port} reuseport;
        root {work}/small;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
    include {work}/sunshine-static.conf;
}}
"""
    path = work / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


def wrk(url: str, seconds: float, script: Path | None = None) -> float:
    """Requests per second wrk measured (2 threads, 32 connections)."""
    command = [tool("wrk"), "-t2", "-c32", f"-d{max(1, round(seconds))}s", "--latency"]
    command += ["-s", str(script)] if script else []
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match is None or errors:
        raise BenchError(f"wrk on {url}: {output}")
    return float(match.group(1))


def serve_and_measure(site: Path, paths: list[str], seconds: float, rounds: int) -> dict[str, Any]:
    nginx = tool("nginx")
    with tempfile.TemporaryDirectory(prefix="sunshine-nginx-") as folder:
        work = Path(folder)
        work.chmod(0o755)  # nginx's workers run as another user: the small file must be readable
        small_port, site_port, app_port = free_port(), free_port(), free_port()
        config = nginx_config(work, site, small_port, site_port, app_port)
        subprocess.run([nginx, "-t", "-q", "-c", str(config), "-p", str(work)], check=True)
        subprocess.run([nginx, "-c", str(config), "-p", str(work)], check=True)
        try:
            for _ in range(50):
                if (work / "nginx.pid").exists():
                    break
                time.sleep(0.1)
            page = paths[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{site_port}{page}") as answer:
                served = answer.read()
                headers = dict(answer.headers)
            if served != (site / page.lstrip("/") / "index.html").read_bytes():
                raise BenchError(f"nginx did not serve the published file of {page}.")
            listing = work / "paths.txt"
            listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
            script = work / "pages.lua"
            script.write_text(WRK_SCRIPT % {"list": listing}, encoding="utf-8")
            small_rates, page_rates = [], []
            wrk(f"http://127.0.0.1:{small_port}/", 1)  # warm-up
            wrk(f"http://127.0.0.1:{site_port}/", 1, script)
            for _ in range(rounds):
                small_rates.append(wrk(f"http://127.0.0.1:{small_port}/", seconds))
                page_rates.append(wrk(f"http://127.0.0.1:{site_port}/", seconds, script))
        finally:
            pid = int((work / "nginx.pid").read_text().strip()) if (work / "nginx.pid").exists() else None
            if pid is not None:
                os.kill(pid, 15)  # only the nginx this run started
                time.sleep(0.5)
    small, pages = statistics.median(small_rates), statistics.median(page_rates)
    version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
    return {
        "nginx": version,
        "small_file_bytes": len(SMALL_FILE),
        "small_file_rps": small_rates,
        "record_pages_rps": page_rates,
        "record_pages": len(paths),
        "record_page_mean_bytes": round(
            sum((site / p.lstrip("/") / "index.html").stat().st_size for p in paths) / len(paths)
        ),
        "median_small_rps": small,
        "median_pages_rps": pages,
        "ratio": round(pages / small, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": pages / small >= TARGET_RATIO,
        "headers_of_a_page": {
            k: v for k, v in headers.items() if k in ("Cache-Control", "ETag", "Content-Type")
        },
    }


def run(seconds: float, rounds: int, keep: bool = False) -> dict[str, Any]:
    tool("nginx")
    tool("wrk")
    database, built = demo_database()
    site = BENCH_DIR / "static-site"
    keep = keep and (site / ".manifest.json").exists()
    if site.exists() and not keep:
        shutil.rmtree(site)
    published = publish(site, keep=keep)
    from sunshine.portal import static_site

    pages = static_site.Site(site)
    pages.load()
    records = sorted(
        url
        for url, entry in pages.entries.items()
        if entry["group"].startswith("record:")
        and entry["file"].endswith("/index.html")
        and not url.endswith("/print/")
    )
    if not records:
        raise BenchError("The demo site has no published record.")
    served = serve_and_measure(site, records, seconds, rounds)
    return {
        "status": "ok",
        "database": {"engine": "sqlite", "path": database, "built_in_seconds": built},
        "publish": published,
        "serve": served,
        "cpu_count": os.cpu_count(),
    }


def markdown(result: dict[str, Any]) -> str:
    if result.get("status") != "ok":
        return f"# Static publishing\n\nNot measured: {result.get('error')}\n"
    publish, serve = result["publish"], result["serve"]
    first, second, after = publish["first_build"], publish["second_build"], publish["after_withdrawal"]
    return "\n".join(
        [
            "# Static publishing (nginx, wrk)",
            "",
            f"- {serve['nginx']}, {result['cpu_count']} cores; wrk -t2 -c32, median of the rounds",
            f"- demo site: {publish['pages']} files, {publish['bytes']:,} bytes",
            "",
            "| measurement | figure |",
            "| --- | ---: |",
            *(
                [
                    f"| first build (written) | {first['written']} files in {first['seconds']} s |",
                    f"| second build (nothing changed) | {second['written']} written, "
                    f"{second['unchanged']} unchanged, {second['seconds']} s |",
                ]
                if not first.get("skipped")
                else ["| first and second build | not run: an earlier run's site kept (--keep-site) |"]
            ),
            f"| after one withdrawal ({after.get('groups')} groups) | {after.get('written')} written, "
            f"{after.get('removed')} removed, {after.get('seconds')} s; record's files gone: "
            f"{after.get('withdrawn_record_files_gone')} |",
            f"| nginx, one small file ({serve['small_file_bytes']} B) "
            f"| {serve['median_small_rps']:,.0f} req/s |",
            f"| nginx, {serve['record_pages']} record pages (mean {serve['record_page_mean_bytes']:,} B) "
            f"through deploy/nginx/sunshine-static.conf | {serve['median_pages_rps']:,.0f} req/s |",
            f"| ratio (target ≥ {serve['target_ratio']}) | {serve['ratio']} "
            f"({'met' if serve['meets_target'] else 'NOT met'}) |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.static_bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per wrk run (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--database-url", help="ignored: the demo site is built on SQLite")
    parser.add_argument("--output", type=Path)
    parser.add_argument(
        "--keep-site", action="store_true", help="keep the site published by an earlier run (no full build)"
    )
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.seconds, arguments.rounds, arguments.keep_site)
    except (BenchError, subprocess.CalledProcessError) as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
        arguments.output.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0 if result.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
