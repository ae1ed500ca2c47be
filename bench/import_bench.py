"""Importing the records of a former site: ``import_records`` over N records with one attachment each.

    .venv/bin/python -m bench.import_bench [--records N] [--database-url URL] [--output FILE]

A fresh database (SQLite ``var/bench/import-<N>.sqlite3``, made again each run, or with
``--database-url`` a PostgreSQL database whose name starts with ``sunshine_bench``, emptied first)
gets 10 agencies with their catalogues. A manifest of ``--records`` rows (default 10,000) is written
with a folder of as many small attachments, half DOCX and half PDF, each holding a word of its own.

Measured in the same run, on the same rows:
- the baseline: the manifest read and its rows written as Record and Revision with ``bulk_create``,
  500 at a time, in a transaction rolled back afterwards — what storing the rows costs at least;
- the import (``onboarding.services.run_command("records", …)``, as the command runs it): rows
  checked, each file type-sniffed, checksummed, its text extracted and scanned for personal data,
  stored, the records published with their history, old addresses and index counters, and each
  put in the search index.
The one-time start of a process (loading the URL routes and the segmenter's dictionary, a few
seconds whatever the number of records) is timed apart (``startup_seconds``). Afterwards one
record is looked for by a word of its attachment (it must be found). The target of issue #18:
100,000 records in ≤ 10 minutes (the per-record cost is linear: the projection is given).

The figures go to ``--output`` (JSON) and are printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.http_bench import BenchError
from bench.request_queue_bench import BENCH_DIR, check_postgres_url, configure, ensure_postgres_database

TARGET_RECORDS = 100_000
TARGET_SECONDS = 600.0
AGENCIES = 10
COLUMNS = (
    "index_number",
    "title",
    "agency_code",
    "category",
    "published_on",
    "body",
    "attachments",
    "old_url",
)
LETTERS = "bcdfghjklmnpqrstvwxz"
TOPICS = ("农田水利", "义务教育", "医疗保障", "道路养护", "环境整治", "市场监管", "社会救助", "乡村振兴")


def word_of(n: int) -> str:
    letters = ""
    n += 1000
    while n:
        n, digit = divmod(n, len(LETTERS))
        letters += LETTERS[digit]
    return f"qua{letters}vo"


def write_site(folder: Path, records: int) -> bytes:
    """The attachments in ``folder`` and the manifest (returned)."""
    from tests.records.files import make_docx, make_pdf

    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n in range(records):
        code = f"IMPB-{n % AGENCIES}"
        year = 2016 + n % 9
        topic = TOPICS[n % len(TOPICS)]
        name = f"{n % 100}/a{n}.{'docx' if n % 2 else 'pdf'}"
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        if n % 2:
            path.write_bytes(make_docx(f"关于{topic}工作的附件说明", f"附件正文 {word_of(n)} 县级财政资金"))
        else:
            path.write_bytes(make_pdf("Attachment of the county government", f"keyword {word_of(n)} budget"))
        writer.writerow(
            (
                f"{code}/{year}-{n // AGENCIES + 1:05d}",
                f"关于做好{year}年{topic}工作的通知（{n}）",
                code,
                "work_news" if n % 3 else "notices",
                f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"<p>各乡镇、各部门认真落实{topic}任务（第{n}期）。</p>",
                name,
                f"/art/{year}/{1 + n % 12}/{1 + n % 28}/art_{n % 30}_{n}.html",
            )
        )
    return buffer.getvalue().encode("utf-8")


def baseline(manifest: bytes) -> float:
    """Seconds to read the manifest and bulk-insert its rows as records and revisions (rolled back)."""
    from django.db import transaction

    from sunshine.agencies.models import Agency
    from sunshine.onboarding.reader import read_table
    from sunshine.onboarding.records import RecordImporter
    from sunshine.records.models import Category, Record, Revision

    agencies = {a.code: a for a in Agency.objects.filter(code__startswith="IMPB-")}
    categories = {(c.agency_id, c.key): c for c in Category.objects.filter(agency__code__startswith="IMPB-")}
    began = time.perf_counter()
    with transaction.atomic():
        rows = read_table(manifest, RecordImporter.columns, max_rows=RecordImporter.max_rows).rows
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            records = Record.objects.bulk_create(
                Record(agency=agencies[row.get("agency_code")], index_number="B" + row.get("index_number"))
                for row in batch
            )
            Revision.objects.bulk_create(
                Revision(
                    record=record,
                    title=row.get("title"),
                    category=categories[(record.agency_id, row.get("category"))],
                    body=row.get("body"),
                    status="published",
                )
                for row, record in zip(batch, records, strict=True)
            )
        transaction.set_rollback(True)
    return time.perf_counter() - began


def run(records: int, database_url: str | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="sunshine-import-bench-"))
    import os

    os.environ["SUNSHINE_VAR_DIR"] = str(work / "var")  # stored attachments go there, removed at the end
    try:
        if database_url:
            check_postgres_url(database_url)
            server = ensure_postgres_database(database_url)
            url, engine = database_url, f"postgresql {server}"
        else:
            BENCH_DIR.mkdir(parents=True, exist_ok=True)
            path = BENCH_DIR / f"import-{records}.sqlite3"
            path.unlink(missing_ok=True)
            url, engine = f"sqlite:///{path}", "sqlite"
        configure(url)
        from django.core.management import call_command

        from sunshine.agencies import services as agencies
        from sunshine.agencies.models import Agency, AgencyKind
        from sunshine.onboarding import services
        from sunshine.records import indexing
        from sunshine.search import segment
        from sunshine.search import services as search
        from sunshine.search.documents import SearchQuery

        call_command("migrate", verbosity=0)
        if database_url:
            call_command("flush", interactive=False, verbosity=0)
        top = agencies.create_agency(
            by=None, code="IMPB-0", kind=AgencyKind.GOVERNMENT, name="基准县人民政府"
        )
        for n in range(1, AGENCIES):
            agencies.create_agency(
                by=None, code=f"IMPB-{n}", kind=AgencyKind.DEPARTMENT, name=f"基准县第{n}局", parent=top
            )
        print(f"import bench: writing {records:,} records with their files …", flush=True)
        manifest = write_site(work / "files", records)
        base = baseline(manifest)
        print(f"baseline (bulk insert, rolled back): {base:.1f} s; importing …", flush=True)
        began = time.perf_counter()
        indexing.RecordUrls()  # once per process, whatever the number of records: the URL routes
        segment.dictionary()  # and the segmenter's dictionary, timed apart
        startup = time.perf_counter() - began
        began = time.perf_counter()
        report = services.run_command(
            "records",
            manifest,
            file_name="manifest.csv",
            options={"files_dir": str(work / "files")},
            dry_run=False,
            batch_size=500,
        )
        seconds = time.perf_counter() - began
        if report.file_problem or report.stopped:
            raise BenchError(report.file_problem or report.stopped)
        probe = records // 2 | 1
        found = search.search(SearchQuery(text=word_of(probe))).total
        per_record = seconds / records if records else 0.0
        return {
            "status": "ok",
            "engine": engine,
            "database": urlsplit(url).path.rsplit("/", 1)[-1],
            "records": records,
            "created": report.counts.created,
            "errors": report.counts.errors,
            "agencies": Agency.objects.filter(code__startswith="IMPB-").count(),
            "seconds": round(seconds, 1),
            "records_per_second": round(records / seconds, 1) if seconds else None,
            "startup_seconds": round(startup, 1),
            "baseline_seconds": round(base, 1),
            "ratio_vs_baseline": round(seconds / base, 1) if base else None,
            "projected_seconds_for_target": round(per_record * TARGET_RECORDS, 0),
            "target_records": TARGET_RECORDS,
            "target_seconds": TARGET_SECONDS,
            "meets_target": per_record * TARGET_RECORDS <= TARGET_SECONDS,
            "attachment_word_found": found >= 1,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench", description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--output", type=Path)
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.records, arguments.database_url)
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
