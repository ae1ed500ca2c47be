"""网上办事 is a main section of the portal: an item of the header navigation after 政民互动, marked
current on the catalogue and on every guide; the deadline calculator left the header for the footer
links and keeps its address."""

from __future__ import annotations

import re


def nav_of(html: str) -> str:
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found is not None
    return found[0]


def test_services_online_follows_public_interaction_in_the_navigation(client, tree):
    nav = nav_of(client.get("/").content.decode())
    assert nav.index('href="/interaction/"') < nav.index('href="/services/"')
    assert ">Services online<" in nav
    assert nav.count("<li") <= 8  # short enough for a phone


def test_the_catalogue_is_marked_current_and_a_guide_marks_its_section(client, published):
    published()
    assert 'href="/services/" aria-current="page"' in nav_of(client.get("/services/").content.decode())
    assert 'href="/services/" class="is-current"' in nav_of(client.get("/services/EDU-001/").content.decode())


def test_the_deadline_calculator_is_in_the_footer_and_no_longer_in_the_navigation(client, tree):
    html = client.get("/").content.decode()
    assert 'href="/calendar/deadline/"' not in nav_of(html)
    assert 'href="/calendar/deadline/"' in html[html.index('<footer class="site-footer">') :]
    assert client.get("/calendar/deadline/").status_code == 200


def test_the_chinese_navigation_says_wangshang_banshi(tree):
    from django.test import Client

    html = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/").content.decode()
    assert "网上办事" in nav_of(html)
    assert "期限计算器" not in nav_of(html)
