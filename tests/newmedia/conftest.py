"""Fixtures of the new-media tests: Alice, an information officer of the Education Bureau, keeps its
accounts; Olga of the city's disclosure office approves their end. Today is pinned to Thursday 12
November 2026. No test reaches a platform: the adapters only ever call the local fake servers
(tests/newmedia/fake_platforms.py) on 127.0.0.1, and any other address fails the test."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from sunshine.newmedia import services
from sunshine.newmedia.adapters import http
from sunshine.newmedia.models import Account
from sunshine.newmedia.services import AccountInput

D = datetime.date
TODAY = D(2026, 11, 12)  # a Thursday


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def only_local_platforms(monkeypatch):
    """The guard: the adapters' transport refuses any address but a local fake server."""
    real = http.open_url

    def guarded(request, timeout):
        host = urlsplit(request.full_url).hostname
        if host != "127.0.0.1":
            raise AssertionError(f"a test reached the network: {request.full_url}")
        return real(request, timeout)

    monkeypatch.setattr(http, "open_url", guarded)


@pytest.fixture
def today(monkeypatch):
    """Pin today; the returned setter moves it."""
    state = {"today": TODAY}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: state["today"])

    def set_today(day: D) -> None:
        state["today"] = day

    return set_today


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def account_input(**fields: Any) -> AccountInput:
    values: dict[str, Any] = {
        "platform": "wechat",
        "name": "阳光教育",
        "account_id": "gh_sunshine_edu",
        "operating_unit": "阳光市教育局办公室",
        "public_url": "https://mp.weixin.qq.com/mp/profile_ext?__biz=MzA5NjYwNzY4MQ==",
        "manager_name": "王小明",
        "manager_phone": "13800138000",
        "approval_date": D(2025, 6, 1),
        "approval_number": "阳教办〔2025〕8号",
    }
    values.update(fields)
    return AccountInput(**values)


@pytest.fixture
def wechat(tree, alice, today) -> Account:
    return services.register_account(by=alice, agency=tree["education"], data=account_input())


@pytest.fixture
def weibo(tree, alice, today) -> Account:
    return services.register_account(
        by=alice,
        agency=tree["education"],
        data=account_input(
            platform="weibo",
            name="阳光教育发布",
            account_id="5201314",
            public_url="https://weibo.com/u/5201314",
            manager_name="",
            manager_phone="",
        ),
    )


@pytest.fixture
def platforms(settings):
    """Both platforms' fake APIs on 127.0.0.1, the settings pointed at them, credentials for the
    accounts of the ``wechat`` and ``weibo`` fixtures."""
    from tests.newmedia.fake_platforms import running

    with running() as fake:
        settings.SUNSHINE_NEWMEDIA_WECHAT_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_WEIBO_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_TIMEOUT = 5
        settings.SUNSHINE_NEWMEDIA_CREDENTIALS = {
            "gh_sunshine_edu": {"appid": "wx-fake-appid", "secret": "fake-app-secret"},
            "5201314": {"access_token": "fake-weibo-token"},
        }
        settings.SUNSHINE_SITE_URL = "https://gk.example.gov.cn"
        yield fake


@pytest.fixture
def published(tree):
    """A record of the Education Bureau, published on 10 March 2026."""
    from tests.records.conftest import make_draft, publish_now

    return publish_now(make_draft(tree["education"])).record
