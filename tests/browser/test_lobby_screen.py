"""The lobby screen on an upright touch screen (1080×1920): a visitor taps a tile, reads a record, types
on the on-screen keyboard to search, and walks away; the screen goes back to the start page. Every
target is at least 64 px high."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.axe_support import assert_no_blocking_violations
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen
from tests.portal.lobby.conftest import guide, media, question, record, rita

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["guide", "media", "question", "record", "rita"]
SCREEN = {"width": 1080, "height": 1920}
MIN_TARGET_PX = 64
SMALL_TARGETS = """() => Array.from(document.querySelectorAll("a[href], button"))
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => [el.textContent.trim().slice(0, 30), Math.round(el.getBoundingClientRect().height)])
    .filter(([, height]) => height < MIN)""".replace("MIN", str(MIN_TARGET_PX))


@pytest.fixture
def screen(browser, live_server) -> Iterator[Any]:
    """The hall's screen: upright, touched, nobody signed in."""
    with citizen(browser, live_server.url, viewport=SCREEN, has_touch=True) as page:
        yield page


@pytest.fixture
def hall(record, guide, question) -> dict[str, Any]:
    """What the hall's screen has to show: two records, two guides, two questions."""
    record("阳光市财政局2026年部门预算公开说明", body="<p>现将本局2026年部门预算公开如下。</p>")
    notice = record()
    guide("EDU-001")
    guide("EDU-002", name="教师资格认定")
    question("如何办理户籍迁移？", "携带户口簿和迁入地准迁证明到派出所办理。")
    return {"record": notice, "question": question()}


def small_targets(page: Any) -> list[Any]:
    return list(page.evaluate(SMALL_TARGETS))


def test_a_visitor_taps_a_tile_searches_with_the_keypad_and_the_screen_returns_to_start(
    screen, hall, settings
):
    page = screen
    notice = hall["record"]
    page.goto(page.base_url + "/lobby/")
    assert page.locator(".lobby-tile").count() == 3
    assert small_targets(page) == []
    screenshot(page, "lobby-start")

    page.tap(f"a.lobby-row[href='/lobby/records/{notice.record.index_number}/']")
    page.wait_for_url(f"**/lobby/records/{notice.record.index_number}/")
    assert page.locator("h1").inner_text() == notice.title
    assert "外部网站" in page.locator(".lobby-text").inner_text()
    assert page.locator(".lobby-text a").count() == 0
    assert small_targets(page) == []
    screenshot(page, "lobby-record")

    page.tap("#lobby-search")
    page.wait_for_url("**/lobby/search/")
    assert small_targets(page) == []
    page.tap(".lobby-keypad__topics [data-key='教育']")
    page.tap("#lobby-go")
    page.wait_for_url("**/lobby/search/?*")
    assert notice.title in page.locator(".lobby-results").inner_text()

    page.tap("[data-key-action='clear']")
    for key in "EDU-002":
        page.tap(f".lobby-keypad [data-key='{key}']")
    assert page.locator("#lobby-q").input_value() == "EDU-002"
    page.tap("#lobby-go")
    page.wait_for_url("**/lobby/search/?*q=EDU-002*")
    page.tap(".lobby-tab[data-kind='guides']")
    page.wait_for_url("**kind=guides*")
    assert page.locator(".lobby-row__title").all_inner_texts() == ["教师资格认定"]
    screenshot(page, "lobby-search")

    settings.SUNSHINE_LOBBY_IDLE_SECONDS = 2  # read by the live server at the next request
    page.tap(".lobby-row")
    page.wait_for_url("**/lobby/services/EDU-002/")
    assert page.locator("body").get_attribute("data-idle-seconds") == "2"
    screenshot(page, "lobby-guide")
    page.wait_for_url(page.base_url + "/lobby/", timeout=8_000)
    assert page.locator(".lobby-tile").count() == 3


def test_a_touch_keeps_the_page_and_the_idle_time_counts_from_the_last_one(screen, hall, settings):
    settings.SUNSHINE_LOBBY_IDLE_SECONDS = 4
    page = screen
    page.goto(page.base_url + f"/lobby/questions/{hall['question'].pk}/")

    time.sleep(2.5)
    page.tap("h1")  # a touch that goes nowhere
    time.sleep(2.5)  # 5 s after the page opened: still there, counted from the touch

    assert page.url.endswith(f"/lobby/questions/{hall['question'].pk}/")
    page.wait_for_url(page.base_url + "/lobby/", timeout=8_000)


def test_a_warning_comes_before_the_return_and_a_touch_puts_it_off(screen, hall, settings):
    settings.SUNSHINE_LOBBY_IDLE_SECONDS = 6  # the warning 3 s before the return
    page = screen
    page.goto(page.base_url + f"/lobby/questions/{hall['question'].pk}/")
    warning = page.locator("#lobby-warning")
    assert warning.is_hidden()

    warning.wait_for(state="visible", timeout=5_000)
    assert warning.get_attribute("role") == "alert"
    screenshot(page, "lobby-warning")
    page.tap("h1")
    assert warning.is_hidden()
    assert page.url.endswith(f"/lobby/questions/{hall['question'].pk}/")
    page.wait_for_url(page.base_url + "/lobby/", timeout=10_000)


def test_the_lobby_pages_pass_axe_and_no_link_leaves_the_lobby(screen, hall):
    page = screen
    number = hall["record"].record.index_number
    pages = [
        "/lobby/",
        f"/lobby/records/{number}/",
        "/lobby/records/",
        "/lobby/services/EDU-002/",
        f"/lobby/questions/{hall['question'].pk}/",
        "/lobby/search/",
        "/lobby/search/?q=%E6%95%99%E8%82%B2",
    ]
    for path in pages:
        page.goto(page.base_url + path)
        assert_no_blocking_violations(page, path)
        leaving = page.evaluate(
            """() => Array.from(document.querySelectorAll("a[href], form[action]"))
                .map((el) => new URL(el.href || el.action, location.href))
                .filter((url) => url.origin !== location.origin || !url.pathname.startsWith("/lobby/"))
                .map((url) => url.href)"""
        )
        assert leaving == [], path
        fields = page.locator("input:not([type=hidden]):not([inputmode=none]), textarea, select")
        assert fields.count() == 0, f"{path}: a field would open the system keyboard"
