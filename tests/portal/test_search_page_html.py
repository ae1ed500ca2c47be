"""The search page's HTML is the same, byte for byte, as the templates before the result rows were
written by a template tag and the form's options kept per generation (the old templates are kept in
``tests/portal/search_page_before/``)."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.test import Client

from sunshine.agencies import services as agencies
from sunshine.portal import search
from sunshine.portal.middleware import recent_pages
from sunshine.records import services
from sunshine.records.models import Revision
from tests.records.conftest import at, make_draft, publish_now

pytestmark = pytest.mark.django_db

D = datetime.date
BEFORE = Path(__file__).parent / "search_page_before"
QUERIES = [
    {},
    {"q": "预算"},
    {"q": "通知", "order": "date"},
    {"agency": "CITY-FIN", "category": "budget"},
    {"q": "预算", "agency": "CITY", "genre": "report", "validity": "expired"},
    {"validity": "expired"},
    {"page": "99"},  # an error: the form with its message
    {"agency": "NOWHERE"},
]


@pytest.fixture
def records(tree) -> list[Revision]:
    budget = publish_now(
        make_draft(
            tree["finance"],
            title="阳光市财政局2026年部门预算 <script>alert(1)</script>",
            category_key="budget",
            genre="report",
            document_number="阳财发〔2026〕7号",
            body="本局2026年部门预算收支情况公开如下。",
        ),
        at(D(2026, 4, 1)),
    )
    notice = publish_now(make_draft(tree["education"], title="关于招生工作的通知"), at(D(2026, 3, 10)))
    old = publish_now(make_draft(tree["education"], title="关于旧预算办法的通知"), at(D(2026, 2, 1)))
    services.change_validity(record=old.record, by=None, validity="expired", on=D(2026, 3, 1))
    return [budget, notice, old]


def pages(client: Client) -> list[bytes]:
    out = []
    for language in ("zh-hans", "en"):
        for params in QUERIES:
            cache.clear()
            recent_pages.clear()
            out.append(client.get("/search/", params, HTTP_ACCEPT_LANGUAGE=language).content)
    return out


def old_render(request: HttpRequest, name: str, context: dict[str, Any], status: int) -> HttpResponse:
    """The view as it was: the choices of the form given to the template to write."""
    choices = {"agencies": search.agency_choices(), "categories": search.category_choices()}
    return render(request, name, {**context, **choices}, status=status)


def test_the_search_page_is_the_same_html_as_before(client, records, settings, monkeypatch):
    now = pages(client)
    templates = copy.deepcopy(django_settings.TEMPLATES)
    templates[0]["DIRS"] = [BEFORE, *cast(list[Path], templates[0]["DIRS"])]
    settings.TEMPLATES = templates
    monkeypatch.setattr(search, "render", old_render)
    before = pages(client)
    assert len(now) == len(before) == 2 * len(QUERIES)
    for params, new, old in zip(QUERIES * 2, now, before, strict=True):
        assert new == old, params
    assert any(b"search-result__snippet" in page for page in now)
    assert any(b"tag--warn" in page for page in now)
    assert any(b'value="CITY-FIN" selected' in page for page in now)


def test_the_form_options_are_read_once_per_generation(client, tree, records, monkeypatch):
    calls = []
    original = search.agency_choices

    def counting() -> list[search.Choice]:
        calls.append(1)
        return original()

    monkeypatch.setattr(search, "agency_choices", counting)
    client.get("/search/", {"q": "预算"})
    second = client.get("/search/", {"q": "预算", "agency": "CITY-FIN"}).content.decode()
    assert len(calls) == 1
    assert 'value="CITY-FIN" selected' in second

    agencies.update_agency(by=None, agency=tree["finance"], name="阳光市财政和税务局")

    assert "阳光市财政和税务局" in client.get("/search/").content.decode()
    assert len(calls) == 2
