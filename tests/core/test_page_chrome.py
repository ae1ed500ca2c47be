"""The navigation and footer of the public pages, rendered once per language and page and reused."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def main_nav(html: str) -> str:
    match = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert match is not None
    return match.group()


def test_each_page_marks_itself_in_the_navigation_however_often_it_is_shown(client):
    for _ in range(2):
        home = main_nav(client.get("/").content.decode())
        search = main_nav(client.get("/search/").content.decode())
        assert 'href="/" aria-current="page"' in home
        assert 'href="/search/" aria-current="page"' not in home
        assert 'href="/search/" aria-current="page"' in search
        assert 'href="/" aria-current="page"' not in search


def test_the_navigation_and_footer_follow_the_readers_language(client):
    chinese = client.get("/search/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    again = client.get("/search/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "首页" in main_nav(chinese)
    assert ">Home<" in main_nav(english)
    assert main_nav(again) == main_nav(chinese)
    assert "Staff sign-in" in english.split('<footer class="site-footer">')[1]
