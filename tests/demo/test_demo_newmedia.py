"""The demo's new-media accounts: ``manage.py demo_newmedia`` registers accounts of the demo city's
agencies with their QR codes on ``/new-media/``, one flagged as not updated for 2 weeks and one
closing; loading again adds nothing; no platform is ever called."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.demo.agencies import load_demo_city
from sunshine.demo.records import load_demo_records
from sunshine.newmedia import health
from sunshine.newmedia.adapters import http
from sunshine.newmedia.models import Account, Post


@pytest.fixture
def demo_city(db, settings, monkeypatch):
    settings.DEBUG = True

    def refuse(request, timeout):
        raise AssertionError(f"the demo reached a platform: {request.full_url}")

    monkeypatch.setattr(http, "open_url", refuse)
    load_demo_city()
    load_demo_records(agencies=["YG", "YG-JYJ"])


def load() -> str:
    out = io.StringIO()
    call_command("demo_newmedia", stdout=out)
    return out.getvalue()


def test_the_demo_registers_accounts_with_qr_codes_on_the_portal(demo_city):
    printed = load()
    assert "/new-media/" in printed
    accounts = Account.objects.filter(status="active")
    assert {a.platform for a in accounts} >= {"wechat", "weibo", "douyin"}
    assert {a.agency.code for a in accounts} >= {"YG", "YG-JYJ", "YG-DC"}
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/new-media/").content.decode()
    for account in accounts:
        assert account.name in page
        assert client.get(f"/new-media/{account.pk}/qr.svg").status_code == 200


def test_one_account_is_flagged_as_not_updated_and_one_is_closing(demo_city):
    load()
    rows = [row for group in health.by_agency(timezone.localdate()) for row in group.accounts]
    assert [row.account.name for row in rows if row.stale] == ["阳光教育抖音号"]
    closing = Account.objects.get(status="closing")
    assert closing.name == "阳光教育头条号"
    assert closing.agency.code == "YG-JYJ"


def test_a_record_is_queued_and_nothing_is_sent(demo_city):
    load()
    queued = Post.objects.filter(record__isnull=False)
    assert sorted(p.account.platform for p in queued) == ["wechat", "weibo"]
    assert {p.state for p in queued} == {"queued"}
    call_command("newmedia_push", stdout=io.StringIO())  # no credentials: refused before any call
    assert {p.state for p in Post.objects.filter(record__isnull=False)} == {"retrying"}


def test_loading_again_adds_nothing(demo_city):
    load()
    before = (Account.objects.count(), Post.objects.count(), AuditEntry.objects.count())
    load()
    assert (Account.objects.count(), Post.objects.count(), AuditEntry.objects.count()) == before


def test_it_needs_the_demo_city(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("demo_newmedia", stdout=io.StringIO())
