"""The demo's annual reports go through the annual report's own steps: the demo leaves a published
report on last year for each of its reporting agencies, with the report's full text, and no
one-sentence 年度报告 record anywhere."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sunshine.agencies.models import Agency
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.core.models import AuditEntry
from sunshine.demo.annual_reports import REPORTING
from sunshine.demo.records import load_demo_records
from sunshine.demo.records_plan import plan
from sunshine.records.catalogue import ANNUAL_REPORT
from sunshine.records.models import Revision
from sunshine.records.selectors import published_records

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "六、其他需要报告的事项",
]


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def load_requests() -> str:
    out = io.StringIO()
    call_command("demo_requests", "--count", "40", "--today", "2026-06-30", stdout=out)
    return out.getvalue()


def test_the_demo_publishes_last_year_s_report_of_every_reporting_agency_in_full(demo_city, client):
    assert f"Annual reports on 2025 published: {len(REPORTING)}." in load_requests()

    for code in REPORTING:
        draft = AnnualReportDraft.objects.select_related("record").get(agency__code=code, year=2025)
        assert draft.status == ReportStatus.PUBLISHED
        assert draft.published_tables["applications"]
        assert draft.record is not None
        revision = published_records().get(record=draft.record)
        assert revision.category.key == ANNUAL_REPORT
        assert revision.title.endswith("2025年政府信息公开工作年度报告")
        for heading in SECTIONS:
            assert heading in revision.body, (code, heading)
        assert draft.overview.split("\n")[0] in revision.body
        assert len(revision.body) > 3000
        assert revision.body.count("<table") >= 3  # tables 2, 3 and 4 of the national format
    # Each step was taken by a person holding its role, with its audit entry.
    entries = AuditEntry.objects.filter(agency__code="YG-JYJ", action__startswith="annualreport.")
    actors = dict(entries.values_list("action", "actor__username"))
    assert actors["annualreport.submit"] == "office"
    assert actors["annualreport.approve"] == "reviewer"
    assert actors["annualreport.sign"] == "signer"
    assert actors["annualreport.publish"] == "office"

    # The portal's column links the report's record.
    page = client.get("/agencies/YG-JYJ/").content.decode()
    assert "2025年政府信息公开工作年度报告</a>" in page


def test_running_the_demo_again_publishes_nothing_more(demo_city):
    load_requests()
    revisions = Revision.objects.count()
    assert "Annual reports on 2025 published: 0." in load_requests()
    assert Revision.objects.count() == revisions


def test_no_one_sentence_annual_report_remains_in_the_demo(demo_city):
    city = Agency.objects.get(code="YG")
    assert not [spec for spec in plan(city) if spec.key == ANNUAL_REPORT]

    load_demo_records(agencies=["YG", "YG-JYJ"])
    load_requests()

    reports = published_records().filter(category__key=ANNUAL_REPORT)
    # On 2024 (demo_records) of the city and its Education Bureau, on 2025 of every reporting agency.
    assert reports.count() == 2 + len(REPORTING)
    drafts = AnnualReportDraft.objects.filter(status=ReportStatus.PUBLISHED)
    assert set(reports.values_list("record_id", flat=True)) == set(drafts.values_list("record_id", flat=True))
    for revision in reports:
        assert len(revision.body) > 3000, revision.title
