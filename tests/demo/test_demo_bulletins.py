"""The demo's bulletin: ``manage.py demo_bulletins`` publishes one issue of the city government's
公报 from the demo's records, shown on the portal; loading again adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sunshine.bulletins.models import Issue, IssueStatus
from sunshine.core.models import AuditEntry
from sunshine.demo.agencies import load_demo_city
from sunshine.demo.records import load_demo_records
from tests.inforequests.test_documents import need_cjk_font


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    load_demo_city()
    load_demo_records(agencies=["YG", "YG-JYJ"])


def load() -> str:
    out = io.StringIO()
    call_command("demo_bulletins", stdout=out)
    return out.getvalue()


def test_the_demo_publishes_an_issue_of_the_city_s_bulletin(demo_city):
    need_cjk_font()
    printed = load()
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.PUBLISHED
    assert issue.agency.code == "YG"
    assert issue.entries.count() >= 2
    assert f"/bulletins/{issue.year}/{issue.number}/" in printed
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/bulletins/{issue.year}/{issue.number}/")
    assert page.status_code == 200
    assert issue.entries.first().title in page.content.decode()  # type: ignore[union-attr]


def test_loading_again_adds_nothing(demo_city):
    need_cjk_font()
    load()
    before = (Issue.objects.count(), AuditEntry.objects.count())
    load()
    assert (Issue.objects.count(), AuditEntry.objects.count()) == before


def test_it_needs_the_demo_city(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("demo_bulletins", stdout=io.StringIO())
