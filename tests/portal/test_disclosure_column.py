"""Each agency's page is its disclosure column (政府信息公开专栏): the guide, the rules, the catalogue,
the annual reports of every year and disclosure on request, in that order, each with its anchor."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from sunshine.records import services as records
from sunshine.records.categories import create_category
from tests.annualreports.conftest import people
from tests.annualreports.publishing import publish_year
from tests.portal.test_pages import switch_to_english

__all__ = ["people"]

SECTIONS = ["h-guide", "h-rules", "h-catalogue", "h-annual-reports", "h-on-request"]
LAST_YEAR = timezone.localdate().year - 1


def english(client, path: str) -> str:
    switch_to_english(client)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    match = re.search(rf'<section class="card" aria-labelledby="{anchor}">.*?</section>', html, re.S)
    assert match is not None, anchor
    return match.group(0)


def test_the_agency_page_shows_the_column_s_five_sections_in_order_each_with_an_anchor(client, tree):
    html = client.get("/agencies/CITY-EDU/").content.decode()

    headings = re.findall(r'<h2 id="(h-[\w-]+)"', html)
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    assert headings.index("h-on-request") < headings.index("h-latest")  # the column comes first
    nav = re.search(r'<nav class="column-nav".*?</nav>', html, re.S)
    assert nav is not None
    assert re.findall(r'href="#(h-[\w-]+)"', nav.group(0)) == SECTIONS
    for title in ("政府信息公开指南", "公开制度", "法定主动公开内容", "公开年报", "依申请公开"):
        assert f">{title}</a>" in nav.group(0)
        assert f">{title}</h2>" in html


def test_the_guide_covers_scope_applying_fees_time_limits_and_remedies(client, tree):
    html = section(english(client, "/agencies/CITY/"), "h-guide")

    assert "阳光市人民政府办公室" in html
    assert "Policy documents" in html or "政策文件" in html  # the scope: the catalogue's categories
    assert "Applying is free (条例 Art. 42)" in html
    assert "within 20 working days of receiving the application" in html
    assert "at most 20 working days more" in html
    assert "administrative reconsideration within 60 days" in html
    assert "within 6 months" in html


def test_the_guide_says_plainly_which_parts_the_agency_has_not_filled_in(client, tree):
    html = section(english(client, "/agencies/CITY-FIN/"), "h-guide")

    assert "This agency has not published the contact details of its disclosure office yet." in html
    assert "This agency's guide does not describe how to apply yet." in html
    assert 'href="/requests/apply/?agency=CITY-FIN"' in html  # applying still works
    assert 'href="/agencies/CITY/">Sunshine City Government</a>' in html  # complaints go to the agency above


def test_the_rules_link_the_calendar_the_statistics_and_the_agency_s_rules_category(client, tree):
    year = timezone.localdate().year
    html = section(english(client, "/agencies/CITY-EDU/"), "h-rules")
    assert f'href="/calendar/{year}/"' in html
    assert 'href="/calendar/deadline/"' in html
    assert 'href="/agencies/CITY-EDU/requests/statistics/"' in html
    assert "This agency's catalogue has no category of rules (制度) yet." in html

    category = create_category(agency=tree["education"], by=None, name="公开制度规范")
    html = section(client.get("/agencies/CITY-EDU/").content.decode(), "h-rules")
    assert f'href="/agencies/CITY-EDU/categories/{category.key}/">公开制度规范</a>' in html


def test_the_annual_reports_list_a_published_year_with_its_record_and_its_computed_page(client, tree, people):
    draft = publish_year(tree["education"], LAST_YEAR - 1, people)

    html = section(english(client, "/agencies/CITY-EDU/"), "h-annual-reports")

    years = [int(y) for y in re.findall(r'data-year="(\d+)"', html)]
    assert years == [LAST_YEAR, LAST_YEAR - 1]  # from the first report to last year, newest first
    rows = dict(zip(years, re.split(r'<li class="report-year"', html)[1:], strict=True))
    assert "Not published yet" in rows[LAST_YEAR]
    published = rows[LAST_YEAR - 1]
    assert draft.record is not None
    record_url = f"/records/{draft.record.index_number}/"
    assert f'href="{record_url}"' in published
    assert f"Published on {draft.published_on:%Y-%m-%d}" in published
    record_page = client.get(record_url)
    assert record_page.status_code == 200
    assert "年政府信息公开工作年度报告" in record_page.content.decode()

    base = f"/agencies/CITY-EDU/annual-reports/{LAST_YEAR - 1}/"
    assert f'href="{base}" data-link="page"' in published
    downloads = {
        kind: href for href, kind in re.findall(r'href="([^"]+)" download data-download="(\w+)"', published)
    }
    assert downloads == {
        "pdf": base + "report.pdf",
        "docx": base + "report.docx",
        "xlsx": base + "report.xlsx",
    }
    page = client.get(base)
    assert page.status_code == 200
    assert "Published on" in page.content.decode()
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for kind, href in downloads.items():
        response = client.get(href)
        assert response.status_code == 200, kind
        assert response["Content-Type"] == types[kind]
        assert "attachment" in response["Content-Disposition"]


def test_a_withdrawn_report_record_is_not_linked(client, tree, people):
    draft = publish_year(tree["education"], LAST_YEAR, people)
    assert draft.record is not None
    revision = draft.record.revisions.get(status="published")
    records.withdraw(revision=revision, by=None, reason="更正")

    html = section(client.get("/agencies/CITY-EDU/").content.decode(), "h-annual-reports")
    assert f"/records/{draft.record.index_number}/" not in html
    assert f'href="/agencies/CITY-EDU/annual-reports/{LAST_YEAR}/"' in html


def test_the_home_page_links_the_annual_reports_of_the_government_and_the_agencies_below(client, tree):
    html = client.get("/").content.decode()

    reports = re.search(r'<section class="card" aria-labelledby="h-annual-reports">.*?</section>', html, re.S)
    assert reports is not None
    for code in ("CITY", "CITY-EDU", "CITY-FIN", "EAST"):
        assert f'href="/agencies/{code}/#h-annual-reports"' in reports.group(0)
    assert f'href="/agencies/CITY/annual-reports/{LAST_YEAR}/"' in reports.group(0)


@pytest.mark.parametrize("code", ["CITY", "CITY-EDU-EXAM", "EAST-RIVER-WILLOW"])
def test_every_agency_s_column_renders(client, tree, code):
    assert client.get(f"/agencies/{code}/").status_code == 200
