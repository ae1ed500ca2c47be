"""Every public GET page carries an ETag and a Last-Modified and answers 304 to a reader who sends
them back; a publication or a withdrawal changes the ETag of the pages that show it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from sunshine.portal.middleware import recent_pages
from sunshine.records import services
from sunshine.records.models import Revision
from tests.portal.records_support import fresh_cache, media, publish

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

NOTICES = "/agencies/CITY-EDU/categories/notices/"
# Pages kept on the server: their Last-Modified is when the kept copy was rendered.
STORED = [
    "/",
    "/agencies/",
    "/agencies/CITY-EDU/",
    NOTICES,
    "/agencies/CITY-EDU/feed.rss",
    "/agencies/CITY-EDU/feed.atom",
    "/agencies/CITY-EDU/categories/notices/feed.rss",
    "/sitemap.xml",
]
RENDERED = ["/search/", "/search/?q=通知"]


@pytest.fixture
def notice(tree) -> Revision:
    return publish(tree["education"], "关于做好2026年招生工作的通知")


def public_urls(notice: Revision) -> list[str]:
    record = f"/records/{notice.record.index_number}/"
    return [*STORED, record, f"{record}print/", *RENDERED]


def test_every_public_page_answers_304_to_its_etag(client: Client, notice):
    for url in public_urls(notice):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"].startswith('"'), url
        assert first["Last-Modified"], url
        assert "Accept-Language" in first["Vary"], url
        assert "Cookie" in first["Vary"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b"", url
        assert again["ETag"] == first["ETag"], url
        assert client.get(url, HTTP_IF_NONE_MATCH='"something else"').status_code == 200, url


@pytest.mark.parametrize("url", STORED)
def test_a_stored_page_answers_304_to_its_last_modified(client: Client, notice, url):
    first = client.get(url)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_record_page_answers_304_to_its_last_modified(client: Client, notice):
    url = f"/records/{notice.record.index_number}/"
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_publication_changes_the_etag_of_the_listings(client: Client, tree, notice):
    before = {url: client.get(url)["ETag"] for url in ("/", NOTICES, "/agencies/CITY-EDU/feed.rss")}

    publish(tree["education"], "关于公布学区划分的通知")

    for url, etag in before.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, url
        assert response["ETag"] != etag, url
        assert "关于公布学区划分的通知" in response.content.decode(), url


def test_a_withdrawal_answers_404_to_a_reader_holding_the_record_pages_etag(client: Client, notice):
    url = f"/records/{notice.record.index_number}/"
    etag = client.get(url)["ETag"]
    listing = client.get(NOTICES)

    services.withdraw(revision=notice, by=None, reason="信息有误")

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 404
    again = client.get(NOTICES, HTTP_IF_NONE_MATCH=listing["ETag"])
    assert again.status_code == 200
    assert "关于做好2026年招生工作的通知" not in again.content.decode()


def test_the_same_page_rendered_again_keeps_its_etag(client: Client, notice):
    url = f"/records/{notice.record.index_number}/"
    etag = client.get(url)["ETag"]
    fresh_client = Client()
    cache.clear()
    recent_pages.clear()  # rendered afresh: same bytes, same ETag, so readers keep their copies
    assert fresh_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_signed_in_staff_get_no_validators(client: Client, notice, alice):
    client.force_login(alice)
    response = client.get(NOTICES)
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/interaction/", "/api/v1/records"])
def test_other_public_pages_answer_304_to_their_etag(client: Client, notice, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_page_that_sets_a_cookie_gets_no_etag(client: Client, tree):
    response = client.get("/requests/apply/")  # a form with its CSRF token
    assert response.status_code == 200
    assert "ETag" not in response
