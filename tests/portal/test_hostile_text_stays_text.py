"""Markup typed into a record (its title, summary or text) reaches every public output as the
characters typed, never as markup: the record page and its print view, the listings, the search page,
the RSS and Atom feeds (read as a feed reader reads them: the XML parsed, then the HTML of a
description or summary) and the public API (a search result's ``snippet``, a record's text).

The records have no exports of their own (the PDF and DOCX downloads are the agency's uploaded
files), so there is nothing else to check.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client

from sunshine.records.models import Revision
from tests.portal.records_support import fresh_cache, media, publish

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

ATOM = "{http://www.w3.org/2005/Atom}"
MARK = "xss-probe"  # every payload runs this, so that any place it became code can be found
PAYLOADS = [
    f"<script>alert('{MARK}')</script>",
    f"<img src=x onerror=alert('{MARK}')>",
    f"<svg onload=alert('{MARK}')>",
    f"<a href=\"javascript:alert('{MARK}')\">点击</a>",
    f"&lt;img src=x onerror=alert('{MARK}')&gt;",
    f"&#60;script&#62;alert('{MARK}')&#60;/script&#62;",
    f"\"><script>alert('{MARK}')</script>",
    f"'><svg/onload=alert('{MARK}')>",
    f"<iframe src=\"javascript:alert('{MARK}')\"></iframe>",
    f"]]><script>alert('{MARK}')</script><![CDATA[",
    f"<math><mtext><table><mglyph><style><img src=x onerror=alert('{MARK}')>",
    f"&amp;lt;script&amp;gt;alert('{MARK}')&amp;lt;/script&amp;gt;",
]
DANGEROUS_TAGS = {"script", "style", "img", "svg", "iframe", "math", "mglyph", "object", "embed"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}


@dataclass
class Parsed:
    """What a browser makes of an HTML text: its elements with their attributes, and its text."""

    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: str = ""
    raw_text: dict[str, str] = field(default_factory=dict)  # script and style contents


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self.open: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.elements.append((tag, {name: value or "" for name, value in attrs}))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in self.CDATA_CONTENT_ELEMENTS:
            self.parsed.raw_text[self.open[-1]] = self.parsed.raw_text.get(self.open[-1], "") + data
        else:
            self.parts.append(data)


def read_html(text: str) -> Parsed:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.parsed.text = "".join(reader.parts)
    return reader.parsed


def assert_no_markup_of_the_payload(markup: str) -> None:
    """No element, attribute, script or style the payloads make is in ``markup`` read as HTML."""
    parsed = read_html(markup)
    for tag, attributes in parsed.elements:
        for name, value in attributes.items():
            if MARK in value:
                assert not name.startswith("on"), (tag, name, value)
                assert name not in URL_ATTRIBUTES, (tag, name, value)
                assert tag not in DANGEROUS_TAGS, (tag, name, value)
    for tag, content in parsed.raw_text.items():
        assert MARK not in content, (tag, content)


def shows_as_text(markup: str, payload: str) -> bool:
    """Whether a browser shows ``payload`` as written (its characters, not what they would make)."""
    return payload in read_html(markup).text


def page(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def feed(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 (the test server's own output)


@pytest.fixture(params=PAYLOADS)
def payload(request) -> str:
    return request.param


@pytest.fixture
def hostile(tree, payload) -> dict[str, Revision]:
    """Two published records of the Education Bureau holding the payload: one in its title and text
    (as typed: the text's HTML holds it escaped), one in its summary."""
    in_text = publish(
        tree["education"],
        f"预算公开 {payload}",
        summary="",
        body=f"<p>预算公开说明 {html.escape(payload)} 以上</p>",
    )
    in_summary = publish(tree["education"], "预算摘要通知", summary=f"摘要 {payload}")
    return {"text": in_text, "summary": in_summary}


def test_the_record_page_and_its_print_view_show_the_payload_as_text(client, hostile, payload):
    record = hostile["text"].record
    for url in (f"/records/{record.index_number}/", f"/records/{record.index_number}/print/"):
        markup = page(client, url)
        assert_no_markup_of_the_payload(markup)
        assert shows_as_text(markup, f"预算公开 {payload}"), url
        assert shows_as_text(markup, f"预算公开说明 {payload} 以上"), url
    assert_no_markup_of_the_payload(page(client, f"/records/{hostile['summary'].record.index_number}/"))


def test_the_listings_and_the_search_page_show_the_payload_as_text(client, hostile, payload):
    for url, params in [
        ("/agencies/CITY-EDU/categories/notices/", {}),
        ("/agencies/CITY-EDU/", {}),
        ("/", {}),
        ("/search/", {"q": "预算"}),
    ]:
        markup = page(client, url, **params)
        assert_no_markup_of_the_payload(markup)
        if url != "/":  # the home page may list the newest records of every agency, or none
            assert shows_as_text(markup, f"预算公开 {payload}"), url


def in_feeds(payload: str) -> list[tuple[str, str]]:
    """(title, what its description shows) of the two records."""
    return [(f"预算公开 {payload}", f"预算公开说明 {payload} 以上"), ("预算摘要通知", f"摘要 {payload}")]


@pytest.mark.parametrize(
    "url", ["/agencies/CITY-EDU/feed.rss", "/agencies/CITY-EDU/categories/notices/feed.rss"]
)
def test_the_rss_feeds_carry_the_payload_as_text(client, hostile, payload, url):
    items = {item.findtext("title"): item for item in feed(client, url).iter("item")}
    assert set(items) == {f"预算公开 {payload}", "预算摘要通知"}  # titles are plain text
    for title, shown in in_feeds(payload):
        description = items[title].findtext("description") or ""  # HTML, as readers take it
        assert_no_markup_of_the_payload(description)
        assert read_html(description).elements == []
        assert shows_as_text(description, shown)


@pytest.mark.parametrize(
    "url", ["/agencies/CITY-EDU/feed.atom", "/agencies/CITY-EDU/categories/notices/feed.atom"]
)
def test_the_atom_feeds_carry_the_payload_as_text(client, hostile, payload, url):
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed(client, url).iter(f"{ATOM}entry")}
    assert set(entries) == {f"预算公开 {payload}", "预算摘要通知"}
    for title, shown in in_feeds(payload):
        entry = entries[title]
        assert entry.find(f"{ATOM}title").get("type", "text") == "text"  # type: ignore[union-attr]
        summary = entry.find(f"{ATOM}summary")
        assert summary is not None
        content = summary.text or ""
        if summary.get("type", "text") == "text":
            assert shown in content
        else:  # HTML: what a reader shows once it reads the HTML
            assert_no_markup_of_the_payload(content)
            assert read_html(content).elements == []
            assert shows_as_text(content, shown)


def test_the_public_api_gives_the_payload_as_text(client, hostile, payload):
    response = client.get("/api/v1/records", {"q": "预算公开说明"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["title"] for r in results] == [f"预算公开 {payload}"]  # JSON strings: plain text
    snippet = results[0]["snippet"]  # escaped HTML where only <mark> marks the words
    assert {tag for tag, _attributes in read_html(snippet).elements} == {"mark"}
    assert_no_markup_of_the_payload(snippet)
    assert MARK in read_html(snippet).text

    record = hostile["text"].record
    detail = client.get(f"/api/v1/records/{record.index_number}").json()
    assert detail["title"] == f"预算公开 {payload}"
    assert_no_markup_of_the_payload(detail["body"])  # sanitised HTML
    assert shows_as_text(detail["body"], f"预算公开说明 {payload} 以上")
    summary = client.get(f"/api/v1/records/{hostile['summary'].record.index_number}").json()
    assert summary["summary"] == f"摘要 {payload}"
