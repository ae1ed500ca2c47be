"""``sunshine import_agencies FILE``: a county's tree from CSV or XLSX, parents first whatever the order,
bad rows reported with their column and skipped, the same file again changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError

from sunshine.agencies.models import Agency
from sunshine.core.models import AuditEntry
from sunshine.onboarding.models import ImportJob
from tests.onboarding.county import AGENCY_COLUMNS, as_csv, county_agencies, county_file, errors, run_import


def run(
    tmp_path: Path, data: bytes, *args: str, name: str = "county.csv"
) -> tuple[str, list[dict[str, str]]]:
    return run_import(tmp_path, "import_agencies", data, *args, name=name)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_county_is_imported_parents_first_and_the_bad_rows_are_reported_with_their_column(
    db, tmp_path, form
):
    output, report = run(tmp_path, county_file("agencies", form), name=f"county.{form}")

    assert "30 created, 0 updated, 0 unchanged, 7 with errors." in output
    assert Agency.objects.count() == 30
    county = Agency.objects.get(code="HX")
    village = Agency.objects.get(code="HX-T05-V2")
    assert village.parent is not None
    assert village.parent.code == "HX-T05"
    assert village.kind == "village"
    assert village.path.startswith(county.path)
    assert village.depth == 2
    assert (county.office_name, county.address, county.phone, county.email) == (
        "和县人民政府办公室",
        "和县历阳镇县府路1号",
        "0555-5312345",
        "gk@hx.example.gov.cn",
    )

    found = errors(report)
    assert set(found) == {"HX-LOST", "HX-LOST-1", "HX-BUREAU", "HX-EDU", "HX-MAIL", "CYCLE-A", "CYCLE-B"}
    assert found["HX-LOST"] == ("parent_code", "No agency has the code NOWHERE, in the file or already here.")
    assert found["HX-LOST-1"][0] == "parent_code"
    assert "HX-LOST" in found["HX-LOST-1"][1]
    assert "could not be imported" in found["HX-LOST-1"][1]
    assert found["HX-BUREAU"] == (
        "kind",
        "Unknown kind “bureau”: use one of government, department, township, village.",
    )
    assert found["HX-EDU"][0] == "code"
    assert "is given already on row" in found["HX-EDU"][1]
    assert found["HX-MAIL"][0] == "guide_email"
    assert found["CYCLE-A"][0] == "parent_code"
    assert "cycle" in found["CYCLE-A"][1]
    assert Agency.objects.get(code="HX-EDU").name == "和县EDU局"  # the first row of the code
    assert [line["Row"] for line in report] == sorted((line["Row"] for line in report), key=int)


def test_the_import_writes_one_audit_entry_with_its_counts_besides_each_agency_s_own(db, tmp_path):
    run(tmp_path, county_file("agencies", "csv"))

    assert AuditEntry.objects.filter(action="agency.create").count() == 30
    entry = AuditEntry.objects.get(action="onboarding.import")
    assert entry.after is not None
    assert entry.after["kind"] == "agencies"
    assert entry.after["status"] == "done"
    assert (entry.after["created_count"], entry.after["error_count"]) == (30, 7)
    job = ImportJob.objects.get()
    assert (job.source, job.created_count, job.error_count, job.file) == ("command", 30, 7, "")


def test_running_the_same_file_again_finds_every_row_unchanged_and_adds_nothing(db, tmp_path):
    run(tmp_path, county_file("agencies", "csv"))
    output, report = run(tmp_path, county_file("agencies", "xlsx"), name="again.xlsx")

    assert "0 created, 0 updated, 30 unchanged, 7 with errors." in output
    assert Agency.objects.count() == 30
    assert AuditEntry.objects.filter(action="agency.create").count() == 30
    assert AuditEntry.objects.filter(action="agency.update").count() == 0
    assert {line["Result"] for line in report} == {"unchanged", "error"}


def test_a_dry_run_checks_every_row_and_writes_nothing(db, tmp_path):
    output, report = run(tmp_path, county_file("agencies", "csv"), "--dry-run")

    assert "Dry run, nothing was written: 30 created, 0 updated, 0 unchanged, 7 with errors." in output
    assert set(errors(report)) == {
        "HX-LOST",
        "HX-LOST-1",
        "HX-BUREAU",
        "HX-EDU",
        "HX-MAIL",
        "CYCLE-A",
        "CYCLE-B",
    }
    assert Agency.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert ImportJob.objects.count() == 0


def test_a_changed_row_updates_the_agency_and_a_guide_column_left_out_keeps_its_value(db, tmp_path):
    run(tmp_path, as_csv(county_agencies(), AGENCY_COLUMNS))
    rows = [
        {
            "code": "HX",
            "name": "和县人民政府",
            "parent_code": "",
            "kind": "government",
            "guide_phone": "0555-9999999",
        },
        {
            "code": "HX-EDU",
            "name": "和县教育体育局",
            "parent_code": "HX-T01",
            "kind": "department",
            "guide_phone": "",
        },
        {"code": "HX-FIN", "name": "和县FIN局", "parent_code": "HX", "kind": "department", "guide_phone": ""},
    ]
    output, _report = run(tmp_path, as_csv(rows, ("code", "name", "parent_code", "kind", "guide_phone")))

    assert "0 created, 2 updated, 1 unchanged, 0 with errors." in output
    county = Agency.objects.get(code="HX")
    assert (county.phone, county.office_name) == ("0555-9999999", "和县人民政府办公室")
    moved = Agency.objects.get(code="HX-EDU")
    assert moved.name == "和县教育体育局"
    assert moved.path.startswith(Agency.objects.get(code="HX-T01").path)
    update = AuditEntry.objects.get(action="agency.update", object_id=str(moved.pk))
    assert update.before == {"name": "和县EDU局", "parent": county.pk}


def test_a_file_with_a_missing_or_an_unknown_column_is_refused_and_names_them(db, tmp_path):
    data = "code,name,parent_code,colour\nHX,和县人民政府,,red\n".encode()
    with pytest.raises(CommandError) as refused:
        run(tmp_path, data)
    assert "missing columns: kind" in str(refused.value)
    assert "unknown columns: colour" in str(refused.value)
    assert Agency.objects.count() == 0
    entry = AuditEntry.objects.get(action="onboarding.import")
    assert entry.after is not None
    assert entry.after["status"] == "failed"


def test_the_kinds_read_as_the_api_shows_them(db, tmp_path, client):
    run(tmp_path, as_csv(county_agencies(), AGENCY_COLUMNS))
    listed = client.get("/api/v1/agencies", {"parent": "HX-T01"}).json()
    assert {(a["code"], a["kind"]) for a in listed} == {
        ("HX-T01-V1", "village"),
        ("HX-T01-V2", "village"),
        ("HX-T01-V3", "village"),
    }


def test_a_value_of_the_file_that_looks_like_a_formula_stays_text_in_the_report(db, tmp_path):
    rows = [{"code": "=HYPERLINK(1)", "name": "x", "parent_code": "", "kind": "government"}]
    _output, report = run(tmp_path, as_csv(rows, AGENCY_COLUMNS))
    assert report[0]["Key"] == "'=HYPERLINK(1)"
    assert report[0]["Result"] == "error"
