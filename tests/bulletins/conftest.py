"""Fixtures of the bulletin tests: published records of the city's tree (a decree of the city, a
notice of its Education Bureau, an appointment), one of another tree, the offices that compile the
bulletin, and an issue compiled through the staff pages."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from sunshine.agencies.models import Role
from sunshine.bulletins.models import Issue
from tests.records.conftest import at, make_draft, publish_now

D = datetime.date


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def otto(make_user, tree):
    """Otto works in the disclosure office of Other City, another tree."""
    return make_user("otto", agency=tree["other"], role=Role.DISCLOSURE_OFFICE)


@pytest.fixture
def records(tree):
    """Published records: three of the city's tree, one of Other City."""
    decree = publish_now(
        make_draft(
            tree["city"],
            title="阳光市人民政府关于印发城市更新实施办法的通知",
            document_number="阳政发〔2026〕3号",
            category_key="normative_documents",
            body="各区人民政府，市政府各部门：\n现将《阳光市城市更新实施办法》印发给你们，请认真贯彻执行。",
        ),
        at(D(2026, 3, 10)),
    )
    notice = publish_now(
        make_draft(tree["education"], title="阳光市教育局关于做好2026年义务教育招生工作的通知"),
        at(D(2026, 3, 12)),
    )
    appointment = publish_now(
        make_draft(
            tree["city"],
            title="阳光市人民政府关于张伟同志任职的通知",
            document_number="阳政任〔2026〕5号",
            category_key="appointments",
            body="经研究决定：任命张伟为阳光市教育局局长。",
        ),
        at(D(2026, 3, 15)),
    )
    foreign = publish_now(
        make_draft(
            tree["other"], title="邻市人民政府关于公布权责清单的通知", document_number="邻政发〔2026〕1号"
        ),
        at(D(2026, 3, 11)),
    )
    return SimpleNamespace(decree=decree, notice=notice, appointment=appointment, foreign=foreign)


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def create_through_pages(client: Client, agency, *, year: int = 2026, number: int = 12) -> Issue:
    response = client.post(
        "/staff/bulletins/new/",
        {"agency": agency.pk, "year": year, "number": number, "published_on": "2026-03-20", "title": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Issue.objects.get(year=year, number=number)


def add_through_pages(client: Client, issue: Issue, revision, section: str) -> None:
    response = client.post(
        f"/staff/bulletins/{issue.pk}/add/", {"record": revision.record_id, "section": section}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def draft_issue(client, olga, tree, records) -> Issue:
    """Issue 12 of 2026 with the decree and the notice under 市政府文件 and the appointment under
    人事任免, added through the staff pages."""
    signed_in(client, olga)
    issue = create_through_pages(client, tree["city"])
    add_through_pages(client, issue, records.decree, "市政府文件")
    add_through_pages(client, issue, records.appointment, "人事任免")
    add_through_pages(client, issue, records.notice, "市政府文件")
    client.logout()
    return issue


@pytest.fixture
def published_issue(client, olga, draft_issue) -> Issue:
    response = signed_in(client, olga).post(f"/staff/bulletins/{draft_issue.pk}/publish/")
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    draft_issue.refresh_from_db()
    return draft_issue
