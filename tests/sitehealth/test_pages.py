"""The staff pages: /staff/sitehealth/ (the latest run, veto items in red first, availability over 30
days) and /staff/sitehealth/<code>/ (the agency's columns and findings), for the disclosure office and
supervisors of the agencies concerned."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from sunshine.sitehealth.codes import Kind, Severity
from sunshine.sitehealth.models import CheckRun, Finding, Probe
from tests.portal.records_support import make_draft, publish_now

D = datetime.date


@pytest.fixture
def run(tree, db):
    run = CheckRun.objects.create(
        started_at=timezone.now(), checked_on=timezone.localdate(), base_url="https://gk.example.gov.cn"
    )
    Finding.objects.create(
        run=run,
        kind=Kind.COLUMN_STALE,
        severity=Severity.WARNING,
        agency=tree["education"],
        subject="统计信息",
    )
    Finding.objects.create(
        run=run,
        kind=Kind.BROKEN_ATTACHMENT,
        severity=Severity.VETO,
        agency=tree["education"],
        url="https://gk.example.gov.cn/records/CITY-EDU/2026-00001/files/7/",
        status=404,
        found_on="https://gk.example.gov.cn/records/CITY-EDU/2026-00001/",
    )
    Finding.objects.create(
        run=run, kind=Kind.DYNAMIC_STALE, severity=Severity.VETO, agency=tree["health"], subject="工作动态"
    )
    Finding.objects.create(run=run, kind=Kind.HOME_STALE, severity=Severity.VETO, url="/")
    return run


def signed_in(client, user):
    client.force_login(user)
    return client


def rows(html: str, table: str) -> list[str]:
    body = html.split(f'data-table="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-kind="(\w+)" data-severity="(\w+)"', body)


def test_the_site_page_shows_veto_items_in_red_first_and_the_warnings_after(client, olga, run):
    response = signed_in(client, olga).get("/staff/sitehealth/")

    assert response.status_code == 200
    html = response.content.decode()
    assert rows(html, "vetoes") == [
        ("broken_attachment", "veto"),
        ("dynamic_stale", "veto"),
        ("home_stale", "veto"),
    ]
    assert html.count('clock-badge--overdue" data-severity="veto"') == 3
    assert html.index('data-table="vetoes"') < html.index('data-table="warnings"')
    assert rows(html, "warnings") == [("column_stale", "warning")]
    assert "found on" in html
    assert "HTTP 404" in html


def test_a_supervisor_sees_the_whole_site_and_only_the_agencies_they_supervise(client, sam, run):
    html = signed_in(client, sam).get("/staff/sitehealth/").content.decode()

    assert rows(html, "vetoes") == [("dynamic_stale", "veto"), ("home_stale", "veto")]
    assert 'data-agency="EAST-HEALTH"' in html
    assert 'data-agency="CITY-EDU"' not in html
    assert client.get("/staff/sitehealth/EAST-HEALTH/").status_code == 200
    assert client.get("/staff/sitehealth/CITY-EDU/").status_code == 404


def test_people_who_supervise_nothing_are_refused(client, alice, run):
    assert signed_in(client, alice).get("/staff/sitehealth/").status_code == 403
    assert client.get("/staff/sitehealth/CITY-EDU/").status_code == 403


def test_the_agency_page_shows_its_columns_and_its_own_findings(client, olga, run, tree, calendar):
    publish_now(
        make_draft(tree["education"], title="工作会议", category_key="work_news"),
        timezone.now() - datetime.timedelta(minutes=1),  # not later than now, whatever the hour
    )

    html = signed_in(client, olga).get("/staff/sitehealth/CITY-EDU/").content.decode()

    assert rows(html, "vetoes") == [("broken_attachment", "veto")]
    assert rows(html, "warnings") == [("column_stale", "warning")]
    columns = html.split('data-table="columns"', 1)[1]
    assert 'data-column="work_news" data-state="fresh"' in columns
    assert 'data-column="notices" data-state="blank_column" class="is-veto"' in columns


def test_availability_over_thirty_days_counts_the_failed_probes(client, olga, db):
    now = timezone.now()
    for hours, ok in [(1, True), (2, False), (3, True), (24 * 31, False)]:  # the last one is too old
        Probe.objects.create(
            at=now - datetime.timedelta(hours=hours), ok=ok, status=200 if ok else 503, latency_ms=40
        )

    html = signed_in(client, olga).get("/staff/sitehealth/").content.decode()

    assert "No check has run yet" in html
    assert "66.67% available (1 failed of 3 probes of /healthz)" in html
    assert "HTTP 503" in html
