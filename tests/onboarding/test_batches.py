"""Batches: a failure in the middle of a batch leaves nothing of that batch, the batches before it stay,
and running the file again goes on without duplicates; progress on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sunshine.agencies.models import Agency
from sunshine.core.models import AuditEntry
from sunshine.onboarding.agencies import AgencyImporter
from sunshine.onboarding.models import ImportJob
from tests.onboarding.county import as_csv

ROWS = [
    {"code": f"G{n:02d}", "name": f"第{n}号政府", "parent_code": "", "kind": "government"}
    for n in range(1, 26)
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def write_file(tmp_path: Path) -> Path:
    source = tmp_path / "governments.csv"
    source.write_bytes(as_csv(ROWS, ("code", "name", "parent_code", "kind")))
    return source


def test_a_crash_in_a_batch_leaves_nothing_of_it_and_the_same_file_again_goes_on(db, tmp_path, monkeypatch):
    source = write_file(tmp_path)
    apply = AgencyImporter.apply

    def crash_on_g15(self, row):
        if row.get("code") == "G15":
            raise RuntimeError("the database went away")
        return apply(self, row)

    monkeypatch.setattr(AgencyImporter, "apply", crash_on_g15)
    with pytest.raises(CommandError, match="Stopped by an unexpected error at row 16"):
        call_command(
            "import_agencies", str(source), "--batch-size", "10", "--language", "en", stdout=io.StringIO()
        )

    assert sorted(Agency.objects.values_list("code", flat=True)) == [f"G{n:02d}" for n in range(1, 11)]
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.processed_rows) == ("failed", 10, 10)
    assert "row 16" in job.problem
    failed = AuditEntry.objects.get(action="onboarding.import")
    assert failed.after is not None
    assert (failed.after["status"], failed.after["created_count"]) == (
        "failed",
        10,
    )

    monkeypatch.setattr(AgencyImporter, "apply", apply)
    out = io.StringIO()
    call_command("import_agencies", str(source), "--batch-size", "10", "--language", "en", stdout=out)

    assert "15 created, 0 updated, 10 unchanged, 0 with errors." in out.getvalue()
    assert Agency.objects.count() == 25


def test_progress_is_shown_on_one_line_of_a_terminal_and_not_elsewhere(db, tmp_path):
    source = write_file(tmp_path)
    terminal = Terminal()
    call_command(
        "import_agencies",
        str(source),
        "--batch-size",
        "10",
        "--dry-run",
        stdout=io.StringIO(),
        stderr=terminal,
    )
    shown = terminal.getvalue()
    assert shown.startswith("\rgovernments.csv [....................] 0/25 (0%)")
    assert "\rgovernments.csv [########............] 10/25 (40%)" in shown
    assert shown.endswith("\rgovernments.csv [####################] 25/25 (100%)\n")

    piped = io.StringIO()
    call_command("import_agencies", str(source), "--dry-run", stdout=io.StringIO(), stderr=piped)
    assert piped.getvalue() == ""
