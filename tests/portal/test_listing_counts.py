"""The counts on the category listing, the agency page and the home page are counted once per change of
public content: a page rendered again (not from the page cache) reads no counts from the database,
and a publication or withdrawal shows in every count at once."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunshine.records import services
from tests.portal.records_support import D, fresh_cache, media, publish

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

NOTICES = "/agencies/CITY-EDU/categories/notices/"


@pytest.fixture(autouse=True)
def pages_rendered_every_time(settings):
    """No server copy of whole pages: each request renders the page."""
    settings.SUNSHINE_PORTAL_CACHE_SECONDS = 0


def counted(client: Client, url: str) -> tuple[str, list[str]]:
    """The page and the counting statements (COUNT) it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), [
        q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()
    ]


def heading_count(html: str) -> int:
    """The number of records the heading of a category page gives."""
    match = re.search(r'<div class="page-heading">.*?<p class="meta">[^<·]*·[^<\d]*(\d+)', html, re.S)
    assert match is not None
    return int(match.group(1))


def catalogue_count(html: str, code: str, key: str) -> str:
    match = re.search(
        rf'href="/agencies/{code}/categories/{key}/">[^<]+</a>\s*<span class="count">(\d+)<', html
    )
    if match is None:  # the current category is not a link
        match = re.search(
            r'aria-current="page" class="catalogue__current">[^<]+</span>\s*<span class="count">(\d+)<', html
        )
    assert match is not None
    return match.group(1)


def test_a_category_page_rendered_again_counts_nothing_and_pages_the_same(client, tree):
    for n in range(21):
        publish(tree["education"], f"第{n + 1:02d}号通知", day=D(2026, 1, 1 + n))

    first, first_counts = counted(client, NOTICES)
    again, again_counts = counted(client, f"{NOTICES}?page=2")

    assert first_counts  # counted once ...
    assert again_counts == []  # ... and not for the next page
    assert heading_count(first) == heading_count(again) == 21
    assert len(re.findall('class="record-list__title"', again)) == 1  # the 21st record, on page 2
    assert catalogue_count(again, "CITY-EDU", "notices") == "21"


def test_a_publication_and_a_withdrawal_show_in_the_counts_at_once(client, tree):
    first = publish(tree["education"], "第一则通知")
    assert heading_count(counted(client, NOTICES)[0]) == 1

    publish(tree["education"], "第二则通知")
    html, recount = counted(client, NOTICES)
    assert heading_count(html) == 2
    assert recount  # the publication started a new generation of counts

    services.withdraw(revision=first, by=None, reason="重复发布")
    html = counted(client, NOTICES)[0]
    assert heading_count(html) == 1
    assert catalogue_count(counted(client, "/agencies/CITY-EDU/")[0], "CITY-EDU", "notices") == "1"


def test_the_whole_tree_listing_counts_the_records_below_once(client, tree):
    publish(tree["city"], "市政府的通知")
    publish(tree["health"], "区卫健局的通知")
    publish(tree["community"], "社区的通知")
    publish(tree["other"], "邻市的通知")

    html, counts = counted(client, "/agencies/CITY/categories/notices/?scope=tree")
    again, recount = counted(client, "/agencies/CITY/categories/notices/?scope=tree&page=1")

    assert heading_count(html) == heading_count(again) == 3
    assert counts
    assert recount == []


def test_the_home_page_rendered_again_counts_nothing(client, tree):
    publish(tree["education"], "教育局的通知")
    publish(tree["community"], "社区的工作动态", category_key="work_news")

    html, counts = counted(client, "/")
    again, recount = counted(client, "/")

    assert counts
    assert recount == []
    assert again == html
    by_agency = dict(re.findall(r'href="/agencies/([\w-]+)/">[^<]+</a></th><td class="num">(\d+)<', again))
    assert by_agency == {"CITY": "0", "CITY-EDU": "1", "CITY-FIN": "0", "EAST": "1"}
