"""Hostile uploads with the default limits (docs/security.md#uploads).

    .venv/bin/python -m bench.upload_bench [--seconds S] [--database-url URL] [--output FILE]

(a) Each file is read by ``records.attachments.inspect`` in a child process of its own (a fresh
    Python with Django set up, the file already in memory): the wall and CPU time of the reading,
    the child's peak resident memory (``ru_maxrss``, the whole process: Python and Django included)
    and what the reading answered. The files, built in a few lines (``tests/records/hostile_files.py``):
    - the worst case of the issue: 9,000,000 paragraphs nested in one another, 145 KB zipped;
    - 16,000,000 empty paragraphs one after the other (140 KB);
    - a zip bomb: a DOCX whose image part unpacks to 1 GB of zeros (1 MB zipped);
    - a PDF whose page stream unpacks to 1 GB (1 MB);
    - the largest a hostile file may cost: empty paragraphs just under the element limit;
    - an ordinary large Word document (120,000 paragraphs with their run properties, 960,000
      elements, 2.6 million characters), which is accepted.
    Targets for the worst case (the nested paragraphs): peak memory ≤ 200 MB, time ≤ 2 s.

(b) Another write while files are checked: a thread saves another draft (``records.services.
    update_draft``, an audited write transaction) back to back for ``--seconds``, first alone, then
    while the main thread attaches files through ``records.services.add_attachment`` over and over
    (the nested paragraphs, refused; the ordinary large document, accepted and removed again), and,
    for contrast, while the main thread reads the large document inside a transaction, as the
    services did before: on SQLite a write transaction holds the only write lock. The latency of
    each save (p50, p95, max) and the saves that failed. Target: no failed save, and the p95 while
    files are checked within 50 ms of the p95 alone (the threads share one interpreter lock).

The figures go to ``bench/results/uploads-<db>.md`` and ``.json`` (and ``--output``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.http_bench import BenchError, percentile
from bench.request_queue_bench import ROOT

RESULTS = ROOT / "bench" / "results"
WORST_CASE = "nested"
TARGET_PEAK_MB = 200
TARGET_SECONDS = 2.0
TARGET_P95_EXTRA_MS = 50.0
PREFIX = "UPBENCH"


# --- The files ----------------------------------------------------------------------------------


def ordinary_docx(paragraphs: int) -> bytes:
    """A large Word document as Word writes them: each paragraph with its properties and a run."""
    from tests.records.hostile_files import docx_streamed

    paragraph = (
        '<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体"/>'
        '<w:sz w:val="24"/></w:rPr><w:t>根据政府信息公开条例的规定现将有关情况公开</w:t></w:r></w:p>'
    ).encode()

    def body() -> Any:
        for _ in range(paragraphs // 1000):
            yield paragraph * 1000

    return docx_streamed(body())


def files() -> dict[str, tuple[str, bytes, str]]:
    """name → (what it is, bytes, file name)."""
    from django.conf import settings

    from tests.records.hostile_files import (
        flat_paragraphs_docx,
        nested_paragraphs_docx,
        stream_bomb_pdf,
        zip_bomb_docx,
    )

    under_limit = int(settings.SUNSHINE_UPLOAD_MAX_XML_ELEMENTS) - 10
    return {
        "nested": ("9,000,000 nested paragraphs", nested_paragraphs_docx(9_000_000), "a.docx"),
        "flat": ("16,000,000 empty paragraphs", flat_paragraphs_docx(16_000_000), "a.docx"),
        "zip_bomb": ("a part of 1 GB of zeros", zip_bomb_docx(1024**3), "a.docx"),
        "pdf_bomb": ("a page stream of 1 GB", stream_bomb_pdf(1024**3), "a.pdf"),
        "under_limit": (
            f"{under_limit:,} empty paragraphs (just under the limit)",
            flat_paragraphs_docx(under_limit - 2),
            "a.docx",
        ),
        "ordinary": ("an ordinary large document (960,000 elements)", ordinary_docx(120_000), "a.docx"),
    }


# --- (a) each file in a child process -----------------------------------------------------------


def child(path: Path, name: str) -> dict[str, Any]:
    """In the child: read ``path`` as an upload named ``name``; the figures of that reading."""
    from django.conf import settings

    from sunshine.records import attachments

    data = path.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began, cpu = time.perf_counter(), time.thread_time()
    outcome: dict[str, Any]
    try:
        found = attachments.inspect(io.BytesIO(data), name, max_bytes=settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
        outcome = {"accepted": True, "characters": len(found.text)}
    except attachments.AttachmentRejected as exc:
        outcome = {"accepted": False, "code": exc.code, "message": exc.message}
    seconds, cpu_seconds = time.perf_counter() - began, time.thread_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        **outcome,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "rss_before_mb": round(before / 1024, 1),  # Linux: kilobytes
        "peak_rss_mb": round(after / 1024, 1),
    }


def measure_file(data: bytes, name: str, database_url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sunshine-bench-upload-") as directory:
        path = Path(directory) / "upload.bin"
        path.write_bytes(data)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "bench.upload_bench", "--child", str(path), "--child-name", name]
        command += ["--database-url", database_url]
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
    if done.returncode != 0:
        raise BenchError(f"the child process failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- (b) another write while files are checked ---------------------------------------------------


class Writer(threading.Thread):
    """Saves ``revision`` back to back until stopped; (start, seconds, error) of each save."""

    def __init__(self, revision_id: int) -> None:
        super().__init__(daemon=True)
        self.revision_id = revision_id
        self.stop = threading.Event()
        self.samples: list[tuple[float, float, str]] = []

    def run(self) -> None:
        from django.db import connection

        from sunshine.records import services
        from sunshine.records.models import Revision

        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                began = time.perf_counter()
                error = ""
                try:
                    revision = Revision.objects.get(pk=self.revision_id)
                    services.update_draft(revision=revision, by=None, summary=f"第{n}次保存")
                except Exception as exc:  # the figure is whether saves fail, and how
                    error = f"{type(exc).__name__}: {exc}"
                self.samples.append((began, time.perf_counter() - began, error))
                time.sleep(0.002)
        finally:
            connection.close()


def latencies(samples: list[tuple[float, float, str]]) -> dict[str, Any]:
    times = [seconds * 1000 for _start, seconds, _error in samples]
    errors = [error for _start, _seconds, error in samples if error]
    return {
        "saves": len(samples),
        "p50_ms": round(percentile(times, 0.5), 1) if times else None,
        "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        "max_ms": round(max(times), 1) if times else None,
        "failed": len(errors),
        "first_error": errors[0][:200] if errors else "",
    }


def with_writer(revision_id: int, seconds: float, work: Callable[[], None] | None) -> dict[str, Any]:
    """The saves of a Writer over ``seconds`` while ``work`` runs again and again (or nothing)."""
    writer = Writer(revision_id)
    writer.start()
    ended = time.perf_counter() + seconds
    rounds = 0
    while time.perf_counter() < ended:
        if work is None:
            time.sleep(0.05)
        else:
            work()
            rounds += 1
    writer.stop.set()
    writer.join()
    return {**latencies(writer.samples), "uploads": rounds}


def prepare() -> tuple[Any, Any, Any]:
    """The bench agency, its officer and two drafts (the one attached to, the one saved meanwhile)."""
    from django.contrib.auth import get_user_model

    from sunshine.agencies import services as agencies
    from sunshine.agencies.models import Agency, AgencyKind, Role
    from sunshine.records import categories
    from sunshine.records import services as records
    from sunshine.records.models import Category, Revision

    agency = Agency.objects.filter(code=PREFIX).first()
    if agency is None:
        agency = agencies.create_agency(
            by=None, code=PREFIX, kind=AgencyKind.GOVERNMENT, name="上传基准市人民政府"
        )
    if not Category.objects.filter(agency=agency).exists():
        categories.seed_catalogue(agency)
    officer, made = get_user_model().objects.get_or_create(username=f"{PREFIX.lower()}-officer")
    if made:
        agencies.grant_role(by=None, user=officer, agency=agency, role=Role.OFFICER)
    drafts = list(Revision.objects.filter(record__agency=agency, status="draft").order_by("pk")[:2])
    category = Category.objects.filter(agency=agency).order_by("pk").first()
    while len(drafts) < 2:
        drafts.append(
            records.create_draft(
                agency=agency, by=None, title=f"基准草稿{len(drafts) + 1}", category=category
            )
        )
    for attachment in drafts[0].attachments.all():
        records.remove_attachment(attachment=attachment, by=None)
    return officer, drafts[0], drafts[1]


def concurrent_writes(seconds: float, hostile: bytes, ordinary: bytes) -> dict[str, Any]:
    from django.db import transaction

    from sunshine.records import attachments
    from sunshine.records import services as records

    officer, target, other = prepare()
    with_writer(other.pk, 0.5, None)  # warm-up: the first save loads the word segmenter of the search

    def attach(data: bytes, keep: bool) -> Callable[[], None]:
        def work() -> None:
            try:
                attachment = records.add_attachment(
                    revision=target, by=officer, file=io.BytesIO(data), name="a.docx"
                )
            except records.RecordError:
                return
            if not keep:
                records.remove_attachment(attachment=attachment, by=officer)

        return work

    def read_in_a_transaction() -> None:
        with transaction.atomic(), contextlib.suppress(attachments.AttachmentRejected):
            attachments.inspect(io.BytesIO(ordinary), "a.docx", max_bytes=20 * 1024 * 1024)

    return {
        "alone": with_writer(other.pk, seconds, None),
        "hostile_uploads": with_writer(other.pk, seconds, attach(hostile, keep=True)),
        "large_uploads": with_writer(other.pk, seconds, attach(ordinary, keep=False)),
        "read_inside_a_transaction": with_writer(other.pk, seconds, read_in_a_transaction),
    }


# --- Together ------------------------------------------------------------------------------------


def run(seconds: float, database_url: str | None) -> dict[str, Any]:
    from bench.letters_bench import open_database

    engine, where = open_database("uploads", database_url)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    url = database_url or f"sqlite:///{ROOT / where}"
    built = files()
    readings: dict[str, Any] = {}
    for key, (what, data, name) in built.items():
        print(f"reading {key} ({what}) …", file=sys.stderr, flush=True)
        readings[key] = {"what": what, "bytes": len(data), **measure_file(data, name, url)}
    print("writes while files are checked …", file=sys.stderr, flush=True)
    writes = concurrent_writes(seconds, built["nested"][1], built["ordinary"][1])
    worst = readings[WORST_CASE]
    alone_p95 = writes["alone"]["p95_ms"] or 0.0
    checked = ("hostile_uploads", "large_uploads")
    return {
        "status": "ok",
        "database": {"engine": engine, "where": where},
        "readings": readings,
        "writes": writes,
        "targets": {
            "peak_rss_mb": TARGET_PEAK_MB,
            "seconds": TARGET_SECONDS,
            "p95_extra_ms": TARGET_P95_EXTRA_MS,
        },
        "meets_targets": {
            "worst_case_memory": worst["peak_rss_mb"] <= TARGET_PEAK_MB,
            "worst_case_time": worst["seconds"] <= TARGET_SECONDS,
            "worst_case_refused": not worst["accepted"],
            "writes_unaffected": all(
                writes[k]["failed"] == 0 and (writes[k]["p95_ms"] or 0) <= alone_p95 + TARGET_P95_EXTRA_MS
                for k in checked
            ),
        },
    }


def markdown(result: dict[str, Any]) -> str:
    if result.get("status") != "ok":
        return f"# Upload benchmark\n\nError: {result.get('error')}\n"
    lines = [
        f"# Upload benchmark: hostile files on {result['database']['engine']}, default limits",
        "",
        "Each file read by `attachments.inspect` in a child process of its own (peak memory: the whole "
        "process, Python and Django included).",
        "",
        "| file | size | answer | seconds | CPU s | peak memory | before reading |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for row in result["readings"].values():
        answer = (
            f"accepted ({row['characters']:,} characters)" if row["accepted"] else f"refused: `{row['code']}`"
        )
        lines.append(
            f"| {row['what']} | {row['bytes'] / 1024:,.0f} KB | {answer} | {row['seconds']} "
            f"| {row['cpu_seconds']} | {row['peak_rss_mb']} MB | {row['rss_before_mb']} MB |"
        )
    met = result["meets_targets"]
    lines += [
        "",
        f"Worst case (nested paragraphs): peak ≤ {TARGET_PEAK_MB} MB "
        f"{'met' if met['worst_case_memory'] else 'NOT met'}, time ≤ {TARGET_SECONDS:g} s "
        f"{'met' if met['worst_case_time'] else 'NOT met'}.",
        "",
        "Another thread saving a draft (an audited write transaction) back to back meanwhile:",
        "",
        "| while the main thread … | uploads | saves | p50 ms | p95 ms | max ms | failed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "alone": "does nothing",
        "hostile_uploads": "attaches the nested paragraphs (refused)",
        "large_uploads": "attaches the ordinary large document (accepted, removed)",
        "read_inside_a_transaction": "reads the large document inside a transaction (as before)",
    }
    for key, label in labels.items():
        row = result["writes"][key]
        lines.append(
            f"| {label} | {row['uploads']} | {row['saves']} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['max_ms']} | {row['failed']} |"
        )
    lines += [
        "",
        f"Writes unaffected while files are checked (no failure, p95 within {TARGET_P95_EXTRA_MS:g} ms of "
        f"alone): {'met' if met['writes_unaffected'] else 'NOT met'}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.upload_bench", description=__doc__)
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="seconds of each writing phase (default 5)"
    )
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite (kept between runs)")
    parser.add_argument("--output", type=Path, help="write the figures to this JSON file too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-name", default="a.docx", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        from bench.request_queue_bench import configure

        configure(arguments.database_url)
        print(json.dumps(child(arguments.child, arguments.child_name)))
        return 0
    try:
        result = run(arguments.seconds, arguments.database_url)
    except BenchError as exc:
        result = {"status": "error", "error": str(exc)}
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    engine = "postgresql" if arguments.database_url else "sqlite"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"uploads-{engine}.json").write_text(text, encoding="utf-8")
    (RESULTS / f"uploads-{engine}.md").write_text(markdown(result), encoding="utf-8")
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
    print(markdown(result))
    return 0 if result.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
