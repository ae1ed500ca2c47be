"""RSS and Atom feeds of agencies and categories, and the sitemap: published records only, newest first."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client

from sunshine.portal import feeds, sitemaps
from sunshine.records import services
from tests.portal.records_support import D, at, fresh_cache, make_draft, media, publish, publish_now

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 (the test server's own output)


def rss_titles(client: Client, url: str) -> list[str]:
    return [item.findtext("title") or "" for item in xml(client, url).iter("item")]


def atom_titles(client: Client, url: str) -> list[str]:
    return [entry.findtext(f"{ATOM}title") or "" for entry in xml(client, url).iter(f"{ATOM}entry")]


def sitemap_locations(client: Client, url: str) -> list[str]:
    return [loc.text or "" for loc in xml(client, url).iter(f"{SITEMAP}loc")]


@pytest.fixture
def records(tree):
    """Two published notices and one news item of the Education Bureau, plus what must never show."""
    older = publish(tree["education"], "较早的通知", day=D(2026, 3, 1))
    newer = publish(tree["education"], "较新的通知", day=D(2026, 3, 5))
    news = publish(tree["education"], "教育局工作动态", category_key="work_news", day=D(2026, 3, 3))
    withdrawn = publish(tree["education"], "已撤回的通知", day=D(2026, 3, 4))
    services.withdraw(revision=withdrawn, by=None, reason="重复发布")
    make_draft(tree["education"], title="草稿通知")
    future = publish_now(make_draft(tree["education"], title="将来发布的通知"), at(D(2099, 1, 1)))
    return {"older": older, "newer": newer, "news": news, "withdrawn": withdrawn, "future": future}


HIDDEN = ("已撤回的通知", "草稿通知", "将来发布的通知")


def test_the_agency_rss_feed_lists_its_published_records_newest_first(client, records):
    channel = xml(client, "/agencies/CITY-EDU/feed.rss").find("channel")
    assert channel is not None

    titles = [item.findtext("title") for item in channel.iter("item")]
    assert titles == ["较新的通知", "教育局工作动态", "较早的通知"]
    first = next(channel.iter("item"))
    assert (first.findtext("link") or "").endswith(f"/records/{records['newer'].record.index_number}/")
    assert channel.findtext("title", "").startswith("阳光市教育局")


def test_the_agency_atom_feed_lists_the_same_records(client, records):
    assert atom_titles(client, "/agencies/CITY-EDU/feed.atom") == [
        "较新的通知",
        "教育局工作动态",
        "较早的通知",
    ]


def test_a_category_feed_lists_only_that_category(client, records):
    assert rss_titles(client, "/agencies/CITY-EDU/categories/notices/feed.rss") == [
        "较新的通知",
        "较早的通知",
    ]
    assert atom_titles(client, "/agencies/CITY-EDU/categories/work_news/feed.atom") == ["教育局工作动态"]


def test_a_whole_tree_category_feed_includes_the_agencies_below(client, tree, records):
    publish(tree["health"], "区卫健局的通知", day=D(2026, 3, 6))

    assert rss_titles(client, "/agencies/CITY/categories/notices/feed.rss") == []
    assert rss_titles(client, "/agencies/CITY/categories/notices/feed.rss?scope=tree") == [
        "区卫健局的通知",
        "较新的通知",
        "较早的通知",
    ]


def test_nothing_unpublished_is_in_any_feed(client, records):
    for url in (
        "/agencies/CITY-EDU/feed.rss",
        "/agencies/CITY-EDU/feed.atom",
        "/agencies/CITY-EDU/categories/notices/feed.rss",
        "/agencies/CITY/categories/notices/feed.atom?scope=tree",
    ):
        body = client.get(url).content.decode()
        for title in HIDDEN:
            assert title not in body, (url, title)


def test_a_feed_holds_the_newest_records_up_to_its_size(client, records, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)

    assert rss_titles(client, "/agencies/CITY-EDU/feed.rss") == ["较新的通知", "教育局工作动态"]


def test_a_withdrawn_record_leaves_the_feed_when_the_kept_copy_expires(client, records):
    assert "较新的通知" in rss_titles(client, "/agencies/CITY-EDU/feed.rss")

    services.withdraw(revision=records["newer"], by=None, reason="信息有误")
    cache.clear()  # what the five minutes of the server-side copy would do

    assert "较新的通知" not in rss_titles(client, "/agencies/CITY-EDU/feed.rss")


def test_feeds_of_unknown_or_inactive_agencies_give_404(client, tree):
    tree["education"].is_active = False
    tree["education"].save(update_fields=["is_active"])

    assert client.get("/agencies/CITY-EDU/feed.rss").status_code == 404
    assert client.get("/agencies/NOPE/feed.atom").status_code == 404
    assert client.get("/agencies/CITY/categories/nope/feed.rss").status_code == 404


def test_feeds_are_public_and_kept_for_a_few_minutes(client, records):
    response = client.get("/agencies/CITY-EDU/feed.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_agency_and_category_pages_announce_their_feeds(client, records):
    agency = client.get("/agencies/CITY-EDU/").content.decode()
    category = client.get("/agencies/CITY-EDU/categories/notices/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in agency
    assert 'href="/agencies/CITY-EDU/feed.atom"' in agency
    assert 'type="application/atom+xml"' in category
    assert 'href="/agencies/CITY-EDU/categories/notices/feed.rss"' in category


def test_the_sitemap_index_points_to_its_sections(client, records):
    locations = sitemap_locations(client, "/sitemap.xml")

    assert [loc.rsplit("/", 1)[1] for loc in locations] == [
        "sitemap-agencies.xml",
        "sitemap-categories.xml",
        "sitemap-records.xml",
    ]


def test_the_sitemap_lists_published_records_agencies_and_used_categories(client, tree, records):
    record_urls = sitemap_locations(client, "/sitemap-records.xml")
    agency_urls = sitemap_locations(client, "/sitemap-agencies.xml")
    category_urls = sitemap_locations(client, "/sitemap-categories.xml")

    published = {records[key].record.index_number for key in ("older", "newer", "news")}
    assert {url.split("/records/", 1)[1].rstrip("/") for url in record_urls} == published
    assert any(url.endswith("/agencies/CITY-EDU/") for url in agency_urls)
    assert len(agency_urls) == len(tree)
    assert sorted(url.split("/categories/", 1)[1] for url in category_urls) == ["notices/", "work_news/"]


def test_a_withdrawn_record_leaves_the_sitemap(client, records):
    services.withdraw(revision=records["older"], by=None, reason="信息有误")

    urls = sitemap_locations(client, "/sitemap-records.xml")

    assert not any(records["older"].record.index_number in url for url in urls)
    assert len(urls) == 2


def test_the_records_sitemap_is_paged(client, records, monkeypatch):
    monkeypatch.setattr(sitemaps.SITEMAPS["records"], "limit", 2)

    index = sitemap_locations(client, "/sitemap.xml")
    first = sitemap_locations(client, "/sitemap-records.xml")
    second = sitemap_locations(client, "/sitemap-records.xml?p=2")

    assert any(loc.endswith("sitemap-records.xml?p=2") for loc in index)
    assert len(first) == 2
    assert len(second) == 1
    assert not set(first) & set(second)


def test_a_signed_in_reader_gets_the_sitemap_too(client, records, admin_user):
    """It was an error page: the page was joined into one piece before it was rendered."""
    client.force_login(admin_user)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<sitemapindex" in response.content
