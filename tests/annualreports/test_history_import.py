"""Importing past requests: validated row by row, all or nothing, counted by the annual report."""

from __future__ import annotations

import datetime
import io
import zipfile
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from sunshine.annualreports.history import import_history
from sunshine.core.models import AuditEntry
from sunshine.inforequests.models import InfoRequest

TODAY = datetime.date(2026, 3, 2)

GOOD_CSV = (
    "agency,applicant_kind,received_on,concluded_on,outcome,channel,reference\n"
    "CITY-EDU,natural_person,2025-11-03,2025-11-20,disclosed,post,旧2025-101\n"
    "CITY-EDU,商业企业,2025-12-22,,,in_person,旧2025-102\n"
    "CITY-EDU-EXAM,research_institution,2026-01-05,2026-01-30,withheld_third_party,,\n"
)


def csv_bytes(text: str) -> bytes:
    return ("\ufeff" + text).encode("utf-8")


def test_the_disclosure_office_imports_past_requests_that_the_report_then_counts(client, tree, olga):
    result = import_history(data=csv_bytes(GOOD_CSV), by=olga, file_name="old.csv", today=TODAY)
    assert result.ok, result.errors
    assert result.created == 3
    open_one = InfoRequest.objects.get(title="旧2025-102")
    assert open_one.status == "received"
    assert open_one.applicant_kind == "commercial_enterprise"
    assert open_one.due_date is not None
    rows = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2025").json()["applications"]["rows"]
    assert rows["new_this_year"]["total"] == 2
    assert rows["disclosed"]["natural_person"] == 1
    assert rows["carried_to_next_year"]["commercial_enterprise"] == 1
    rows_2026 = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2026?scope=tree").json()["applications"][
        "rows"
    ]
    assert rows_2026["carried_over"]["commercial_enterprise"] == 1
    assert rows_2026["withheld_third_party"]["research_institution"] == 1
    assert AuditEntry.objects.filter(action="inforequest.import").count() == 3


def test_one_bad_row_stops_the_whole_import_and_names_its_row(tree, olga):
    text = GOOD_CSV + (
        "CITY-EDU,robot,2025-13-01,,,,\n"
        "CITY-EDU,natural_person,2025-05-05,2025-05-01,disclosed,,\n"
        "CITY-EDU,natural_person,2025-05-05,2025-05-20,,,\n"
        "OTHER,natural_person,2025-05-05,,,,\n"
    )
    result = import_history(data=csv_bytes(text), by=olga, today=TODAY)
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (5, "applicant_kind"),
        (5, "received_on"),
        (6, "concluded_on"),
        (7, "outcome"),
        (8, "agency"),
    }
    assert InfoRequest.objects.count() == 0
    assert not AuditEntry.objects.filter(action="inforequest.import").exists()


def test_dates_in_the_future_are_refused(tree, olga):
    text = "agency,applicant_kind,received_on\nCITY-EDU,natural_person,2026-03-03\n"
    result = import_history(data=csv_bytes(text), by=olga, today=TODAY)
    assert [(e.row, e.column) for e in result.errors] == [(2, "received_on")]


def test_an_xlsx_sheet_with_the_format_s_headings_is_read(tree, olga):
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["机关代码", "申请人类型", "收到日期", "办结日期", "办理结果"])
    sheet.append(["CITY-EDU", "法律服务机构", datetime.date(2025, 6, 2), datetime.date(2025, 6, 20), "other"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_history(data=buffer.getvalue(), by=olga, today=TODAY)
    assert result.ok, result.errors
    request = InfoRequest.objects.get()
    assert (request.applicant_kind, request.outcome, request.concluded_on) == (
        "legal_service_org",
        "other",
        datetime.date(2025, 6, 20),
    )


def test_a_file_that_is_not_csv_or_xlsx_is_refused_whole(tree, olga):
    result = import_history(data=b"\xff\xfe\x00garbage", by=olga, today=TODAY)
    assert [(e.row, e.column) for e in result.errors] == [(1, "")]
    missing = import_history(data=csv_bytes("agency,received_on\n"), by=olga, today=TODAY)
    assert not missing.ok


def test_an_officer_may_not_import_and_nobody_imports_for_another_tree(tree, alice, olga):
    assert not import_history(data=csv_bytes(GOOD_CSV), by=alice, today=TODAY).ok
    text = "agency,applicant_kind,received_on\nOTHER,natural_person,2025-05-05\n"
    assert [e.column for e in import_history(data=csv_bytes(text), by=olga, today=TODAY).errors] == ["agency"]


def test_the_command_imports_or_lists_the_problems(tmp_path, tree, olga, capsys):
    path = tmp_path / "old.csv"
    path.write_bytes(csv_bytes("agency,applicant_kind,received_on\nCITY-EDU,robot,2025-01-02\n"))
    with pytest.raises(CommandError):
        call_command("import_request_history", str(path), "--user", olga.username)
    assert "row 2 [applicant_kind]" in capsys.readouterr().err
    path.write_bytes(csv_bytes("agency,applicant_kind,received_on\nCITY-EDU,natural_person,2025-01-02\n"))
    call_command("import_request_history", str(path), "--user", olga.username)
    assert InfoRequest.objects.count() == 1


def deep_workbook(depth: int) -> bytes:
    """A workbook whose sheet nests ``depth`` rows inside one another."""
    from tests.records.files import S_NS, make_xlsx

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_xlsx([["agency"]]))) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (
                    f'<worksheet xmlns="{S_NS}"><sheetData>'.encode()
                    + b"<row>" * depth
                    + b"</row>" * depth
                    + b"</sheetData></worksheet>"
                )
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_workbook_nested_too_deep_is_refused_whole_with_the_reason_before_any_transaction(tree, olga):
    from django.db import connection

    from sunshine.records import reading_limits

    real, depths = reading_limits.check_xml_parts, []

    def watched(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return real(*args, **kwargs)

    baseline = len(connection.atomic_blocks)
    with mock.patch.object(reading_limits, "check_xml_parts", watched), translation.override("en"):
        result = import_history(data=deep_workbook(100_000), by=olga, today=TODAY)
    assert [(e.row, e.message) for e in result.errors] == [
        (1, "The document's structure is too deep to be read.")
    ]
    assert depths == [baseline]
    assert not InfoRequest.objects.exists()
