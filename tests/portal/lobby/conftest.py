"""Fixtures of the lobby screen tests: a record, a service guide and a common question, each written
and published through the real services, and a test client asking for English pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sunshine.agencies.models import Role
from sunshine.eservices import services as eservices
from sunshine.eservices.models import Version
from sunshine.faq import services as faq
from sunshine.faq.models import Entry
from sunshine.records.models import Revision
from tests.eservices.conftest import FIELDS, MATERIALS, STEPS, WINDOWS
from tests.faq.conftest import ADMISSION_ANSWER, ADMISSION_QUESTION
from tests.portal.records_support import fresh_cache, media, publish

__all__ = ["fresh_cache", "media"]

BODY = (
    "<p>现将2026年义务教育招生工作有关事项通知如下。</p>"
    '<p>详见<a href="https://www.example.org/policy">外部网站</a>和'
    '<a href="/staff/records/">内部页面</a>。</p>'
)


@pytest.fixture
def client() -> Client:
    """The test client asks for English pages (the site's default language is Chinese)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def rita(make_user, tree):
    """Rita reviews for the Education Bureau."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def record(tree) -> Callable[..., Revision]:
    """A record of the Education Bureau published through the real services."""

    def make(title: str = "阳光市教育局关于做好2026年义务教育招生工作的通知", **fields: Any) -> Revision:
        fields.setdefault("body", BODY)
        return publish(tree["education"], title, **fields)

    return make


@pytest.fixture
def guide(tree, alice, rita) -> Callable[..., Version]:
    """A service guide written by alice and published by rita (``publish=False``: left a draft)."""

    def make(code: str = "EDU-001", *, publish: bool = True, **fields: Any) -> Version:
        version = eservices.create_item(
            agency=tree["education"],
            by=alice,
            code=code,
            fields={**FIELDS, **fields},
            materials=MATERIALS,
            steps=STEPS,
            windows=WINDOWS,
            events=["education"],
        )
        if not publish:
            return version
        eservices.take_action(version=version, action="submit", by=alice)
        return eservices.take_action(version=version, action="publish", by=rita)

    return make


@pytest.fixture
def question(tree, alice, olga) -> Callable[..., Entry]:
    """A common question written by alice and published by olga (``publish=False``: left a draft)."""

    def make(
        question: str = ADMISSION_QUESTION, answer: str = ADMISSION_ANSWER, *, publish: bool = True
    ) -> Entry:
        entry = faq.create_entry(agency=tree["education"], by=alice, question=question, answer=answer)
        if not publish:
            return entry
        faq.take_action(entry=entry, action="submit", by=alice)
        return faq.take_action(entry=entry, action="publish", by=olga)

    return make
