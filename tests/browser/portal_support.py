"""What an anonymous citizen does on the public portal in the browser tests: a fresh browser context
(no staff cookie), the search page, the agency's feeds and the public API."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def citizen(browser: Any, base_url: str, *, phone: bool = False, **context_options: Any) -> Iterator[Any]:
    """A page in a browser context of its own: nobody signed in, nothing shared with the staff's pages.
    ``context_options`` (Playwright's, e.g. another ``viewport``) override the defaults."""
    options: dict[str, Any] = {"locale": "zh-CN", "viewport": PHONE if phone else DESKTOP}
    if phone:
        options.update(is_mobile=True, has_touch=True)
    options.update(context_options)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = base_url
    try:
        yield page
    finally:
        context.close()


def fits(page: Any) -> bool:
    """Nothing sticks out sideways (no horizontal scrolling on a phone)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def search(page: Any, words: str) -> None:
    """Types ``words`` into the search page's box and sends the form, as a person does."""
    page.goto(page.base_url + "/search/")
    page.locator("#search-q").fill(words)
    page.locator(".search-box__row button[type=submit]").click()
    page.wait_for_url("**/search/?q=*")
    page.wait_for_load_state()


def result_titles(page: Any) -> list[str]:
    return [title.inner_text() for title in page.locator(".search-result__title").all()]


@dataclass(frozen=True)
class FeedEntry:
    title: str
    path: str  # the path of the entry's link (the feed gives it with the server's address)


def atom_entries(page: Any, path: str) -> tuple[list[FeedEntry], str]:
    """The entries of the Atom feed at ``path`` and the feed's raw text."""
    response = page.request.get(page.base_url + path)
    assert response.status == 200, (path, response.status)
    text = response.text()
    entries = [
        FeedEntry(
            title=entry.findtext(f"{ATOM}title", ""),
            path=urlsplit(entry.find(f"{ATOM}link").get("href", "")).path,  # type: ignore[union-attr]
        )
        for entry in ET.fromstring(text).iter(f"{ATOM}entry")  # noqa: S314 (the test server's own output)
    ]
    return entries, text


def api_get(page: Any, path: str, params: dict[str, str] | None = None) -> tuple[int, Any, str]:
    """Status, JSON answer and raw text of a GET on the public API (``/api/v1`` + ``path``)."""
    response = page.request.get(page.base_url + "/api/v1" + path, params=params)
    text = response.text()
    return response.status, response.json(), text


def apply_online(page: Any, *, agency: str = "CITY-EDU", id_number: str) -> tuple[str, str]:
    """Fill the application form as 陈小明, check and send it; the receipt's tracking code and access key."""
    page.goto(page.base_url + f"/requests/apply/?agency={agency}")
    page.fill("#id_name", "陈小明")
    page.fill("#id_id_number", id_number)
    page.fill("#id_phone", "13800138000")
    page.fill("#id_email", "chen@example.com")
    page.fill("#id_description", "2025年度阳光市教育局部门预算执行情况")
    page.click("button[type=submit].button")
    page.wait_for_load_state()
    page.click("#send-application")  # the answers to check, then send
    page.wait_for_load_state()
    return page.inner_text("#tracking-code").strip(), page.inner_text("#access-key").strip()
