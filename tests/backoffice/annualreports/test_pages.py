"""Back-office pages of the annual report under /staff/annual-reports/: the year's list with deadlines,
one report taken from draft to published, and the import of past requests."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.annualreports import services
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.core.models import AuditEntry
from sunshine.inforequests.models import InfoRequest
from tests.annualreports.conftest import page
from tests.annualreports.test_annual_report_api import make_request
from tests.annualreports.test_history_import import GOOD_CSV, csv_bytes

D = datetime.date


def test_a_report_goes_from_draft_to_published_through_the_back_office(client, tree, people):
    make_request(tree["education"], 1, "natural_person", D(2025, 3, 3), D(2025, 3, 20), "disclosed")
    base = "/staff/annual-reports/CITY-EDU/2025/"
    page(client, people["office"], base, {"open": "1"})
    draft = AnnualReportDraft.objects.get(agency=tree["education"], year=2025)
    assert draft.status == "draft"
    response = page(
        client,
        people["office"],
        base,
        {
            "save": "1",
            "scope": "self",
            "overview": "2025年，阳光市教育局认真贯彻落实《条例》。",
            "problems": "公开内容还不够全面。",
            "other_matters": "本年度未收取信息处理费。",
            "licensing_decisions": "40",
            "penalty_decisions": "2",
            "enforcement_decisions": "0",
            "fees_collected": "1.25",
        },
    )
    assert "The draft is saved." in response.content.decode()
    page(client, people["office"], base + "submit/", {})
    page(client, people["reviewer"], base + "approve/", {})
    page(client, people["signer"], base + "sign/", {})
    response = page(client, people["office"], base + "publish/", {})
    assert "Published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_tables["applications"]["disclosed"]["natural_person"] == 1
    assert [
        e.action for e in AuditEntry.objects.filter(action__startswith="annualreport.").order_by("id")
    ] == [
        "annualreport.open",
        "annualreport.edit",
        "annualreport.submit",
        "annualreport.approve",
        "annualreport.sign",
        "annualreport.publish",
    ]
    # Published as a record of the agency's 年度报告 category, through the records' own steps.
    record = draft.record
    assert record is not None
    assert record.index_number is not None
    revision = record.revisions.get(status="published")
    assert revision.category.key == "annual_report"
    assert revision.title == "阳光市教育局2025年政府信息公开工作年度报告"
    assert record.index_number.startswith("CITY-EDU/")
    assert "三、收到和处理政府信息公开申请情况" in revision.body
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="record.").order_by("id")] == [
        "record.create",
        "record.submit",
        "record.approve",
        "record.sign",
        "record.publish",
    ]
    publish_entry = AuditEntry.objects.get(action="annualreport.publish")
    assert publish_entry.after is not None
    assert publish_entry.after["index_number"] == record.index_number

    # A request corrected after publication does not change the published report.
    make_request(tree["education"], 2, "natural_person", D(2025, 6, 3), D(2025, 6, 20), "disclosed")
    public = client.get("/agencies/CITY-EDU/annual-reports/2025/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2025年，阳光市教育局认真贯彻落实《条例》。" in public
    assert "五、存在的主要问题及改进情况" in public
    assert '<tr data-row="licensing"><th scope="row">行政许可' in public
    assert '<td class="num">40</td>' in public
    assert '<td class="num">1.25</td>' in public
    assert "Published on" in public
    assert draft.record is not None
    assert draft.record.index_number in public
    api = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2025").json()
    assert api["applications"]["rows"]["disclosed"]["natural_person"] == 2  # the API computes live


def test_a_returned_report_needs_comments_and_shows_them_to_the_drafter(client, tree, people):
    draft = services.open_draft(agency=tree["education"], year=2025, by=people["office"])
    services.take_action(draft=draft, action="submit", by=people["office"])
    with pytest.raises(services.ReportActionError):
        services.take_action(draft=draft, action="return", by=people["reviewer"], comments=" ")
    services.take_action(draft=draft, action="return", by=people["reviewer"], comments="请补充第五部分。")
    html = page(client, people["office"], "/staff/annual-reports/CITY-EDU/2025/").content.decode()
    assert "请补充第五部分。" in html
    assert 'data-action="submit"' in html


def test_the_list_shows_each_agency_s_deadline(client, tree, people):
    html = page(client, people["office"], "/staff/annual-reports/").content.decode()
    assert 'data-agency="CITY-EDU"' in html
    assert 'data-agency="CITY-EDU-EXAM"' in html  # the office sees the agencies below its own
    assert 'data-agency="CITY"' not in html


def test_the_page_imports_a_file_and_shows_the_rows_in_error(client, tree, olga):
    client.force_login(olga)
    bad = SimpleUploadedFile(
        "old.csv", csv_bytes("agency,applicant_kind,received_on\nCITY-EDU,robot,2025-01-02\n")
    )
    response = client.post("/staff/annual-reports/history/", {"file": bad}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert '<td class="num">2</td>' in html
    good = SimpleUploadedFile("old.csv", csv_bytes(GOOD_CSV))
    response = client.post("/staff/annual-reports/history/", {"file": good}, HTTP_ACCEPT_LANGUAGE="en")
    assert "3 requests were imported." in response.content.decode()
    assert InfoRequest.objects.count() == 3


def test_the_page_is_closed_to_officers(client, tree, alice):
    client.force_login(alice)
    assert client.get("/staff/annual-reports/history/").status_code == 403
