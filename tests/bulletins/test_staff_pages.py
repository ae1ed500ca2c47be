"""Compiling an issue through the staff pages: a new issue, records found and added under sections,
moved up and down, removed, the preview PDF, publication; who may do it; a published issue is frozen."""

from __future__ import annotations

import hashlib

import pytest

from sunshine.bulletins.models import Entry, IssueStatus
from sunshine.core.models import AuditEntry
from tests.bulletins.conftest import create_through_pages, signed_in
from tests.inforequests.test_documents import need_cjk_font

pytestmark = pytest.mark.django_db


def titles(issue) -> list[str]:
    return list(Entry.objects.filter(issue=issue).order_by("order").values_list("title", flat=True))


def test_a_new_issue_takes_the_agencys_name_the_year_and_the_number_as_its_title(client, olga, tree):
    signed_in(client, olga)
    issue = create_through_pages(client, tree["city"])
    assert issue.title == "阳光市人民政府公报 2026年第12期"
    assert issue.status == IssueStatus.DRAFT
    assert AuditEntry.objects.filter(action="bulletin.create", object_id=str(issue.pk)).exists()
    page = client.get("/staff/bulletins/").content.decode()
    assert "阳光市人民政府公报 2026年第12期" in page


def test_the_same_year_and_number_cannot_be_taken_twice(client, olga, tree):
    signed_in(client, olga)
    create_through_pages(client, tree["city"])
    response = client.post(
        "/staff/bulletins/new/",
        {"agency": tree["city"].pk, "year": 2026, "number": 12, "published_on": "2026-03-20"},
    )
    assert response.status_code == 422
    assert "Issue 12 of 2026 exists already." in response.content.decode()


def test_the_search_finds_published_records_of_the_tree_only(client, olga, tree, records):
    signed_in(client, olga)
    issue = create_through_pages(client, tree["city"])
    page = client.get(f"/staff/bulletins/{issue.pk}/?q=通知").content.decode()
    assert records.decree.title in page
    assert records.notice.title in page
    assert records.foreign.title not in page
    narrowed = client.get(f"/staff/bulletins/{issue.pk}/?q=通知&category=personnel").content.decode()
    assert records.appointment.title in narrowed
    assert records.decree.title not in narrowed
    by_agency = client.get(f"/staff/bulletins/{issue.pk}/?agency=CITY-EDU").content.decode()
    assert records.notice.title in by_agency
    assert records.decree.title not in by_agency
    by_date = client.get(f"/staff/bulletins/{issue.pk}/?from=2026-03-14&to=2026-03-31").content.decode()
    assert records.appointment.title in by_date
    assert records.notice.title not in by_date


def test_a_record_joins_the_end_of_its_section(client, draft_issue, records):
    assert titles(draft_issue) == [records.decree.title, records.notice.title, records.appointment.title]
    sections = list(
        Entry.objects.filter(issue=draft_issue).order_by("order").values_list("section", flat=True)
    )
    assert sections == ["市政府文件", "市政府文件", "人事任免"]
    assert AuditEntry.objects.filter(action="bulletin.add_entry").count() == 3


def test_up_and_down_buttons_reorder_the_contents_and_remove_takes_an_entry_out(
    client, olga, draft_issue, records
):
    signed_in(client, olga)
    notice = Entry.objects.get(issue=draft_issue, record=records.notice.record)
    response = client.post(f"/staff/bulletins/{draft_issue.pk}/entries/{notice.pk}/up/", {"q": "通知"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/bulletins/{draft_issue.pk}/?q=%E9%80%9A%E7%9F%A5")
    assert titles(draft_issue) == [records.notice.title, records.decree.title, records.appointment.title]
    client.post(f"/staff/bulletins/{draft_issue.pk}/entries/{notice.pk}/down/")
    client.post(f"/staff/bulletins/{draft_issue.pk}/entries/{notice.pk}/down/")
    assert titles(draft_issue) == [records.decree.title, records.appointment.title, records.notice.title]
    client.post(f"/staff/bulletins/{draft_issue.pk}/entries/{notice.pk}/remove/")
    assert titles(draft_issue) == [records.decree.title, records.appointment.title]
    assert list(
        Entry.objects.filter(issue=draft_issue).order_by("order").values_list("order", flat=True)
    ) == [1, 2]
    assert AuditEntry.objects.filter(action="bulletin.move_entry").count() == 3
    assert AuditEntry.objects.filter(action="bulletin.remove_entry").count() == 1


def test_the_issue_page_offers_the_steps_without_script(client, olga, draft_issue):
    page = signed_in(client, olga).get(f"/staff/bulletins/{draft_issue.pk}/").content.decode()
    assert f'action="/staff/bulletins/{draft_issue.pk}/publish/"' in page
    for action in ("up", "down", "remove"):
        assert f"/{action}/" in page
    assert f'href="/staff/bulletins/{draft_issue.pk}/issue.pdf"' in page
    assert "<script" not in page.split("<main", 1)[-1]


def test_the_preview_is_a_pdf_and_stores_nothing(client, olga, draft_issue):
    need_cjk_font()
    response = signed_in(client, olga).get(f"/staff/bulletins/{draft_issue.pk}/issue.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    draft_issue.refresh_from_db()
    assert draft_issue.sha256 == ""
    assert draft_issue.status == IssueStatus.DRAFT


def test_publishing_freezes_the_issue(client, olga, published_issue, records):
    need_cjk_font()
    assert published_issue.status == IssueStatus.PUBLISHED
    assert len(published_issue.sha256) == 64
    entry = AuditEntry.objects.get(action="bulletin.publish")
    assert entry.after is not None
    assert entry.after["sha256"] == published_issue.sha256
    signed_in(client, olga)
    response = client.post(
        f"/staff/bulletins/{published_issue.pk}/add/",
        {"record": records.foreign.record_id, "section": "其他"},
    )
    assert response.status_code == 409
    assert "A published issue cannot be changed." in response.content.decode()
    first = Entry.objects.filter(issue=published_issue).order_by("order")[0]
    assert client.post(f"/staff/bulletins/{published_issue.pk}/entries/{first.pk}/remove/").status_code == 409
    assert client.post(f"/staff/bulletins/{published_issue.pk}/publish/").status_code == 409
    assert Entry.objects.filter(issue=published_issue).count() == 3
    stored = client.get(f"/staff/bulletins/{published_issue.pk}/issue.pdf").content
    assert stored == client.get("/bulletins/2026/12/issue.pdf").content
    assert hashlib.sha256(stored).hexdigest() == published_issue.sha256


def test_an_empty_issue_is_not_published(client, olga, tree):
    signed_in(client, olga)
    issue = create_through_pages(client, tree["city"])
    response = client.post(f"/staff/bulletins/{issue.pk}/publish/")
    assert response.status_code == 409
    assert "Add at least one record before publishing." in response.content.decode()


def test_a_record_of_another_tree_is_refused(client, olga, tree, records):
    signed_in(client, olga)
    issue = create_through_pages(client, tree["city"])
    response = client.post(
        f"/staff/bulletins/{issue.pk}/add/", {"record": records.foreign.record_id, "section": "其他"}
    )
    assert response.status_code == 422
    assert (
        "Only published records of the agency and those below it can be added." in response.content.decode()
    )


def test_an_officer_is_refused_and_sees_no_link(client, alice, draft_issue):
    signed_in(client, alice)
    assert client.get("/staff/bulletins/").status_code == 403
    assert client.get("/staff/bulletins/new/").status_code == 403
    assert client.get(f"/staff/bulletins/{draft_issue.pk}/").status_code == 404
    assert client.post(f"/staff/bulletins/{draft_issue.pk}/publish/").status_code == 404
    assert 'href="/staff/bulletins/"' not in client.get("/staff/").content.decode()


def test_the_office_sees_the_link_in_the_navigation(client, olga, tree):
    page = signed_in(client, olga).get("/staff/").content.decode()
    assert 'href="/staff/bulletins/"' in page


def test_the_office_of_another_tree_cannot_reach_the_issue(client, otto, draft_issue, records, tree):
    signed_in(client, otto)
    assert client.get("/staff/bulletins/").status_code == 200
    assert draft_issue.title not in client.get("/staff/bulletins/").content.decode()
    assert client.get(f"/staff/bulletins/{draft_issue.pk}/").status_code == 404
    response = client.post(
        f"/staff/bulletins/{draft_issue.pk}/add/", {"record": records.foreign.record_id, "section": "x"}
    )
    assert response.status_code == 404
    response = client.post(
        "/staff/bulletins/new/",
        {"agency": tree["city"].pk, "year": 2026, "number": 13, "published_on": "2026-03-20"},
    )
    assert response.status_code == 422  # the city is not among the agencies offered to Otto
