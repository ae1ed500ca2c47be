"""The public portal pages, through Django's test client."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_the_home_page_lists_the_agencies_of_the_top_government(client, tree):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "阳光市人民政府" in html
    for key in ("education", "finance", "district", "other"):
        assert f'href="/agencies/{tree[key].code}/"' in html
        assert tree[key].name in html


def test_the_home_page_links_to_the_guide_and_the_deadline_calculator(client, tree):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert 'href="/agencies/CITY/#h-guide"' in html
    assert 'href="/calendar/deadline/"' in footer  # in the footer links, not the main navigation
    assert 'href="/staff/"' in html


def test_the_agency_list_is_a_nested_tree(client, tree):
    html = client.get("/agencies/").content.decode()

    for agency in tree.values():
        assert agency.name in html
    # Willow Community sits in a list inside Riverside Street's item.
    street = html.index(tree["street"].name)
    willow = html.index(tree["community"].name)
    assert street < willow
    assert "<ul" in html[street:willow]


def test_the_agency_page_shows_its_guide_and_the_agencies_below(client, tree):
    response = client.get("/agencies/CITY/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<dl class="facts">' in html
    assert "阳光市人民政府办公室" in html
    assert 'href="tel:0571-12345678"' in html
    assert tree["education"].name in html
    assert tree["district"].name in html


def test_the_agency_page_has_breadcrumbs_up_to_its_government(client, tree):
    html = client.get("/agencies/EAST-RIVER-WILLOW/").content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    assert crumbs is not None
    trail = crumbs.group(0)
    for key in ("city", "district", "street"):
        assert f'href="/agencies/{tree[key].code}/"' in trail
    assert 'aria-current="page">柳树社区居民委员会' in trail


def test_an_agency_without_a_guide_says_so(client, tree):
    html = client.get("/agencies/CITY-FIN/").content.decode()

    assert "facts" not in html
    assert 'class="notice"' in html


def test_an_unknown_agency_code_gives_404(client, tree):
    response = client.get("/agencies/NO-SUCH-AGENCY/")

    assert response.status_code == 404


def test_an_inactive_agency_is_not_shown(client, tree):
    tree["finance"].is_active = False
    tree["finance"].save(update_fields=["is_active"])

    assert client.get("/agencies/CITY-FIN/").status_code == 404
    assert tree["finance"].name not in client.get("/").content.decode()
    assert tree["finance"].name not in client.get("/agencies/").content.decode()


def test_switching_to_english_shows_english_names_where_there_are_some(client, tree):
    switch_to_english(client)

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sunshine City Government" in html
    assert "Education Bureau" in html
    assert "阳光市财政局" in html  # no English name: the Chinese one stays
    assert "Skip to main content" in html

    html = client.get("/agencies/CITY-EDU/").content.decode()
    assert "<h1>Education Bureau</h1>" in html


def test_the_language_switch_is_a_plain_link_that_works_without_javascript(client, tree):
    html = client.get("/agencies/CITY/").content.decode()

    switch = re.search(r'<div class="lang-switch".*?</div>', html, re.S)
    assert switch is not None
    assert 'href="/language/en/?next=/agencies/CITY/"' in switch.group(0)

    response = client.get("/language/en/", {"next": "/agencies/CITY/"})
    assert response.status_code == 302
    assert response["Location"] == "/agencies/CITY/"
    assert "<h1>Sunshine City Government</h1>" in client.get("/agencies/CITY/").content.decode()


def test_the_language_switch_goes_nowhere_outside_the_site(client, tree):
    response = client.get("/language/en/", {"next": "https://elsewhere.example/"})
    assert response["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404


def test_public_pages_carry_no_cookie_so_that_every_reader_may_share_a_cached_copy(client, tree):
    response = client.get("/agencies/CITY/")
    assert not response.cookies
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/", "/agencies/", "/agencies/CITY/", "/staff/login/"])
def test_every_page_has_a_skip_link_first_and_the_landmarks(client, tree, url):
    html = client.get(url).content.decode()

    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body)
    assert first_link is not None
    assert 'class="skip-link" href="#main"' in first_link.group(0)
    assert '<main id="main"' in html
    assert "<header" in html
    assert '<nav class="site-nav"' in html
    assert "<footer" in html
    assert html.count("<main") == 1


def test_the_current_page_is_marked_in_the_navigation(client, tree):
    html = client.get("/agencies/").content.decode()

    assert re.search(r'href="/agencies/" aria-current="page"', html)
