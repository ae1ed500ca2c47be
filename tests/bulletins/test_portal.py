"""The bulletin on the portal: the archive by year, an issue's contents in order with links to the
records' pages and the PDF, the footer link; drafts are nowhere to be seen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_archive_lists_the_published_issues_by_year(client, published_issue):
    page = client.get("/bulletins/").content.decode()
    assert 'data-year="2026"' in page
    assert 'href="/bulletins/2026/12/"' in page
    assert "阳光市人民政府公报 2026年第12期" in page
    assert "3 records" in page


def test_the_issue_page_lists_the_contents_in_order_with_links(client, published_issue, records):
    response = client.get("/bulletins/2026/12/")
    assert response.status_code == 200
    page = response.content.decode()
    positions = [
        page.index(text)
        for text in (
            "市政府文件",
            records.decree.title,
            records.notice.title,
            "人事任免",
            records.appointment.title,
        )
    ]
    assert positions == sorted(positions)
    for revision in (records.decree, records.notice, records.appointment):
        assert f'href="/records/{revision.record.index_number}/"' in page
    assert 'href="/bulletins/2026/12/issue.pdf"' in page
    assert published_issue.sha256 in page


def test_a_draft_is_not_public(client, olga, tree, draft_issue):
    assert client.get("/bulletins/2026/12/").status_code == 404
    assert client.get("/bulletins/2026/12/issue.pdf").status_code == 404
    assert client.get("/bulletins/2027/1/").status_code == 404
    assert draft_issue.title not in client.get("/bulletins/").content.decode()


def test_the_portal_footer_leads_to_the_bulletin(client, tree):
    assert 'href="/bulletins/"' in client.get("/").content.decode()


def test_an_issue_of_an_inactive_agency_is_not_public(client, olga, tree, published_issue):
    tree["city"].is_active = False
    tree["city"].save(update_fields=["is_active"])
    assert client.get("/bulletins/2026/12/").status_code == 404
