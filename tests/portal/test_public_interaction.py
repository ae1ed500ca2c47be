"""政民互动: one item of the portal's navigation leads to letters, common questions, solicitations and
surveys, with what is open now; it is marked current on each of their pages."""

from __future__ import annotations

import re

import pytest

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def nav_of(html: str) -> str:
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found is not None
    return found[0]


@pytest.mark.django_db
def test_the_page_leads_to_every_way_to_speak_to_government_and_to_the_published_letters(client):
    html = client.get("/interaction/", **EN).content.decode()
    for href in (
        'href="/letters/write/"',
        'href="/letters/follow/"',
        'href="/letters/"',
        'href="/letters/statistics/"',
        'href="/faq/"',
        'href="/solicitations/"',
        'href="/surveys/"',
        'href="/open-days/"',
    ):
        assert href in html
    assert "0 open now" in html
    assert 'href="/interaction/" aria-current="page"' in nav_of(html)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/letters/write/", "/faq/", "/solicitations/", "/surveys/"])
def test_the_navigation_marks_public_interaction_current_on_its_sections(client, path):
    nav = nav_of(client.get(path, **EN).content.decode())
    assert 'href="/interaction/" class="is-current"' in nav
    assert nav.count("<li") <= 8  # short enough for a phone
