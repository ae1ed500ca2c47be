"""Anonymous readers share server-side copies of the public listings; a change shows at once."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import http_date

from sunshine.agencies import services as agencies
from sunshine.core import public_cache
from sunshine.portal.middleware import RecentPages
from sunshine.records import services
from tests.portal.records_support import fresh_cache, media, publish

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

NOTICES = "/agencies/CITY-EDU/categories/notices/"


@pytest.mark.parametrize("url", ["/", "/agencies/", "/agencies/CITY-EDU/", NOTICES])
def test_a_second_anonymous_reader_gets_the_copy_without_touching_the_database(
    client, tree, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


def test_a_published_record_shows_in_the_cached_listing_at_once(client, tree):
    publish(tree["education"], "第一份通知")
    assert "第一份通知" in client.get(NOTICES).content.decode()

    publish(tree["education"], "第二份通知")

    assert "第二份通知" in client.get(NOTICES).content.decode()


def test_a_withdrawn_record_leaves_the_cached_home_page_at_once(client, tree):
    revision = publish(tree["education"], "即将撤回的通知")
    assert "即将撤回的通知" in client.get("/").content.decode()

    services.withdraw(revision=revision, by=None, reason="信息有误")

    assert "即将撤回的通知" not in client.get("/").content.decode()


def test_a_changed_guide_shows_at_once(client, tree):
    assert "0571-88880000" not in client.get("/agencies/CITY-EDU/").content.decode()

    agencies.update_agency(by=None, agency=tree["education"], phone="0571-88880000")

    assert "0571-88880000" in client.get("/agencies/CITY-EDU/").content.decode()


@pytest.mark.parametrize("cache_pages", [True, False])
def test_a_renamed_or_closed_agency_shows_at_once_in_its_listing(client, tree, settings, cache_pages):
    # Without page copies the agency and its catalogue are still kept per generation of content.
    if not cache_pages:
        settings.SUNSHINE_PORTAL_CACHE_SECONDS = 0
    assert client.get(NOTICES).status_code == 200

    agencies.update_agency(by=None, agency=tree["education"], name="市教育和体育局")
    assert "市教育和体育局" in client.get(NOTICES).content.decode()

    agencies.update_agency(by=None, agency=tree["education"], is_active=False)
    assert client.get(NOTICES).status_code == 404


def test_each_language_has_its_own_copy(client, tree):
    chinese = client.get("/agencies/CITY-EDU/").content.decode()
    english = client.get("/agencies/CITY-EDU/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Education Bureau" in english
    assert "Education Bureau" not in chinese


def test_signed_in_staff_never_get_the_shared_copy(client, tree, alice):
    client.get(NOTICES)
    client.force_login(alice)
    response = client.get(NOTICES)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_stored_page_keeps_the_headers_of_the_full_stack(client, tree):
    first = client.get("/agencies/CITY-EDU/", HTTP_ACCEPT_LANGUAGE="en")
    second = client.get("/agencies/CITY-EDU/", HTTP_ACCEPT_LANGUAGE="en")
    for name in ("X-Frame-Options", "Content-Language", "Cache-Control", "Vary", "Content-Type"):
        assert second[name] == first[name], name
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == "DENY"


def test_the_stored_copy_is_served_before_sessions_and_url_resolution(client, tree, monkeypatch):
    client.get("/agencies/")

    def no_view(*args, **kwargs):
        raise AssertionError("the request went past the stored copy")

    monkeypatch.setattr("django.core.handlers.base.BaseHandler.resolve_request", no_view)
    assert client.get("/agencies/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/", "/agencies/", "/agencies/CITY-EDU/", NOTICES, "/agencies/CITY-EDU/feed.rss"]
)
def test_public_pages_are_rendered_in_full_when_the_cache_server_is_down(client, tree, settings, url):
    publish(tree["education"], "缓存故障时的通知")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get(url)
    assert response.status_code == 200
    if url != "/agencies/":
        assert "缓存故障时的通知" in response.content.decode()


def test_a_record_is_published_even_when_the_cache_server_is_down(client, tree, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    publish(tree["education"], "缓存故障时发布的通知")
    assert "缓存故障时发布的通知" in client.get(NOTICES).content.decode()


@pytest.mark.parametrize(
    "url", ["/agencies/CITY-EDU/feed.rss", "/agencies/CITY-EDU/feed.atom", "/sitemap.xml"]
)
def test_feeds_and_sitemaps_are_sent_and_stored_in_one_piece(client, tree, url):
    publish(tree["education"], "第一份通知")
    first = client.get(url)
    stored = client.get(url)
    # Each piece is a socket write of the server: a feed written element by element was thousands.
    assert len(list(first)) == 1
    assert len(list(stored)) == 1
    assert stored.content == first.content


def test_a_page_asked_for_again_is_answered_from_the_process_memory(client, tree, monkeypatch):
    first = client.get("/agencies/CITY-EDU/")
    second = client.get("/agencies/CITY-EDU/")  # from the cache, and now kept in this process

    def no_lookup(*args, **kwargs):
        raise AssertionError("the stored copy was looked up again")

    monkeypatch.setattr("sunshine.portal.middleware.get_cache_key", no_lookup)
    third = client.get("/agencies/CITY-EDU/")
    assert third.content == second.content == first.content
    for name in ("Cache-Control", "Vary", "Content-Type", "Content-Language", "Expires"):
        assert third[name] == second[name], name
    # Another language is another page.
    monkeypatch.undo()
    assert "Education Bureau" in client.get("/agencies/CITY-EDU/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_page_kept_in_memory_is_dropped_when_it_expires():
    pages = RecentPages(2)
    fresh, stale = HttpResponse(b"fresh"), HttpResponse(b"stale")
    fresh["Expires"] = http_date(time.time() + 60)
    stale["Expires"] = http_date(time.time() - 1)
    pages.put(("g", "/a", "", ""), fresh)
    pages.put(("g", "/b", "", ""), stale)
    kept = pages.get(("g", "/a", "", ""))
    assert kept is not None
    assert kept.content == b"fresh"
    assert pages.get(("g", "/b", "", "")) is None
    assert pages.get(("other generation", "/a", "", "")) is None


def test_the_process_keeps_only_the_most_recent_pages():
    pages = RecentPages(2)
    for path in ("/a", "/b", "/c"):
        page = HttpResponse(path.encode())
        page["Expires"] = http_date(time.time() + 60)
        pages.put(("g", path, "", ""), page)
    assert pages.get(("g", "/a", "", "")) is None
    assert pages.get(("g", "/c", "", "")) is not None


def test_a_readers_request_reads_the_generation_from_the_cache_once(client, tree, monkeypatch):
    # A shared cache (Redis) holds the generation itself.
    monkeypatch.setattr(public_cache, "generation_file", lambda: None)
    publish(tree["education"], "第一份通知")
    reads = []
    original = cache.get

    def counting_get(key, *args, **kwargs):
        if key == public_cache.KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    # A first reader: the stored page is looked for, then the page and its counts are made.
    assert client.get(NOTICES).status_code == 200
    assert len(reads) == 1
    # A staff action in between still moves the generation on at once.
    publish(tree["education"], "第二份通知")
    assert "第二份通知" in client.get(NOTICES).content.decode()


def test_with_a_cache_in_each_process_a_readers_request_reads_the_generation_file_once(
    client, tree, monkeypatch, memory_cache
):
    assert public_cache.generation_file() is not None  # the tests' memory cache
    publish(tree["education"], "第一份通知")
    reads = []
    original = public_cache._from_file

    def counting(path):
        reads.append(path)
        return original(path)

    monkeypatch.setattr(public_cache, "_from_file", counting)
    assert client.get(NOTICES).status_code == 200
    assert len(reads) == 1
    publish(tree["education"], "第二份通知")
    assert "第二份通知" in client.get(NOTICES).content.decode()


def test_with_a_cache_in_each_process_a_change_in_one_process_reaches_the_others(
    settings, tmp_path, memory_cache
):
    # Another worker sees the file, not this process's memory: moving the generation on changes the file.
    settings.SUNSHINE_PUBLIC_GENERATION_FILE = str(tmp_path / "public-generation")
    before = public_cache.generation()
    assert (tmp_path / "public-generation").stat().st_mtime_ns == before
    public_cache.bump()
    after = (tmp_path / "public-generation").stat().st_mtime_ns
    assert after > before
    assert public_cache.generation() == after
