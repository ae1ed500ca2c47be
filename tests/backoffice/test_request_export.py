"""The filtered queue as CSV (for Excel) and XLSX, for staff only, each export in the audit log."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from tests.backoffice import OTHER_ID, D, act, fixed_today, paper_request


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def requests(tree):
    overdue = paper_request(tree["education"], D(2026, 9, 8), title="逾期的申请")
    on_time = paper_request(
        tree["education"],
        D(2026, 10, 14),
        name="王芳",
        id_type="passport",
        id_number=OTHER_ID,
        title='=HYPERLINK("http://evil.example")',
    )
    paused = act(
        paper_request(tree["education"], D(2026, 10, 14)),
        "start_consultation",
        D(2026, 10, 15),
        party="agency",
    )
    finance = paper_request(tree["finance"], D(2026, 10, 14), name="财政申请人")
    return {"overdue": overdue, "on_time": on_time, "paused": paused, "finance": finance}


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_holds_the_filtered_queue_with_applicants_and_clocks(client, alice, requests):
    client.force_login(alice)
    response = client.get("/staff/requests/export.csv?state=overdue", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="requests-2026-10-15.csv"'
    header, *rows = csv_rows(response)
    assert header[:5] == ["Tracking code", "Agency code", "Agency", "Channel", "Applicant"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Tracking code"] == requests["overdue"].tracking_code
    assert row["Agency code"] == "CITY-EDU"
    assert row["Applicant"] == "陈小明"
    assert row["Name of the information"] == "逾期的申请"
    assert row["Status"] == "Received"
    assert row["Received on"] == "2026-09-08"
    assert row["Due date"] == "2026-10-12"
    assert row["Working days left"] == "-3"
    assert row["Clock"] == "Overdue"


def test_the_csv_lists_all_open_requests_of_ones_agencies_and_no_others(client, alice, requests):
    client.force_login(alice)
    header, *rows = csv_rows(client.get("/staff/requests/export.csv", HTTP_ACCEPT_LANGUAGE="en"))
    codes = [r[0] for r in rows]
    assert codes == [requests[k].tracking_code for k in ("overdue", "on_time", "paused")]
    assert {r[header.index("Applicant")] for r in rows} == {"陈小明", "王芳"}


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(client, alice, requests):
    client.force_login(alice)
    header, *rows = csv_rows(client.get("/staff/requests/export.csv?q=HYPERLINK", HTTP_ACCEPT_LANGUAGE="en"))
    assert [dict(zip(header, row, strict=True))["Name of the information"] for row in rows] == [
        '\'=HYPERLINK("http://evil.example")'
    ]


def test_the_xlsx_holds_the_same_rows_with_real_dates(client, alice, requests):
    client.force_login(alice)
    response = client.get("/staff/requests/export.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "requests-2026-10-15.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header, *rows = values
    assert header[0] == "Tracking code"
    assert [r[0] for r in rows] == [requests[k].tracking_code for k in ("overdue", "on_time", "paused")]
    first = dict(zip(header, rows[0], strict=True))
    assert first["Applicant"] == "陈小明"
    assert first["Due date"] == datetime.datetime(2026, 10, 12)
    assert first["Working days left"] == -3
    assert first["Clock"] == "Overdue"
    second = dict(zip(header, rows[1], strict=True))
    assert second["Name of the information"] == '=HYPERLINK("http://evil.example")'
    assert sheet.cell(row=3, column=header.index("Name of the information") + 1).data_type == "s"
    paused = dict(zip(header, rows[2], strict=True))
    assert paused["Due date"] is None
    assert paused["Clock"] == "Paused"


def test_every_export_is_written_to_the_audit_log_with_its_filters(client, alice, requests, tree):
    client.force_login(alice)
    client.get("/staff/requests/export.csv?state=overdue&q=")
    client.get("/staff/requests/export.xlsx?agency=CITY-EDU")
    entries = list(AuditEntry.objects.filter(action="inforequest.export").order_by("id"))
    assert [e.actor_name for e in entries] == ["alice", "alice"]
    assert [e.after for e in entries] == [
        {"format": "csv", "filters": {"state": "overdue"}, "rows": 1},
        {"format": "xlsx", "filters": {"agency": "CITY-EDU"}, "rows": 3},
    ]
    assert entries[1].agency == tree["education"]


def test_someone_of_another_agency_cannot_export_its_requests(client, fred, requests):
    client.force_login(fred)
    assert client.get("/staff/requests/export.csv?agency=CITY-EDU").status_code == 404
    assert client.get("/staff/requests/export.xlsx?agency=CITY-EDU").status_code == 404
    _header, *rows = csv_rows(client.get("/staff/requests/export.csv"))
    assert [r[0] for r in rows] == [requests["finance"].tracking_code]
    assert not AuditEntry.objects.filter(
        action="inforequest.export", after__filters__agency="CITY-EDU"
    ).exists()


def test_filters_in_error_send_back_to_the_queue_instead_of_exporting(client, alice, requests):
    client.force_login(alice)
    response = client.get("/staff/requests/export.csv?received_from=yesterday")
    assert response.status_code == 302
    assert response["Location"] == "/staff/requests/?received_from=yesterday"
    assert not AuditEntry.objects.filter(action="inforequest.export").exists()


def test_strangers_and_people_without_an_agency_get_no_export(client, make_user, requests):
    assert client.get("/staff/requests/export.csv")["Location"].startswith("/staff/login/")
    client.force_login(make_user("nobody"))
    assert client.get("/staff/requests/export.csv").status_code == 403
    assert client.get("/staff/requests/export.xlsx").status_code == 403
