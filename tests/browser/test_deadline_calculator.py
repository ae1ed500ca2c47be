"""The deadline calculator in a real browser, on a desktop and on a phone."""

from __future__ import annotations

import datetime

import pytest

from sunshine.workdays import services
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_calendar(transactional_db) -> None:
    """Transactional tests flush the rows of the data migration: load 2024–2026 again."""
    services.load_builtin_years(by=None)


def calculate(page, start: str, working_days: str) -> None:
    page.goto(page.base_url + "/calendar/deadline/")
    page.fill("#id_start", start)
    page.fill("#id_working_days", working_days)
    page.click("button[type=submit].button")
    page.wait_for_load_state()


def test_a_citizen_finds_the_due_date(page, published_calendar):
    calculate(page, "2026-09-21", "20")
    assert page.inner_text("#due-date") == "2026-10-26"
    assert "2026-10-10" in page.inner_text(".deadline-result")
    screenshot(page, "deadline-desktop")


def test_a_citizen_on_a_phone_finds_the_due_date(phone_page, published_calendar):
    calculate(phone_page, "2026-02-13", "7")
    assert phone_page.inner_text("#due-date") == "2026-03-02"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    screenshot(phone_page, "deadline-phone")


def test_a_citizen_gets_a_provisional_date_when_the_year_is_not_published(
    page, phone_page, published_calendar
):
    for viewer, name in [(page, "deadline-provisional-desktop"), (phone_page, "deadline-provisional-phone")]:
        calculate(viewer, "2026-12-20", "20")
        assert not viewer.is_visible(".error-summary")
        assert viewer.inner_text("#due-date") == "2027-01-18"
        result = viewer.inner_text(".deadline-result")
        assert "暂定" in result
        assert "国务院尚未公布2027年节假日安排" in result
        assert "元旦" in result  # the estimated holiday in the period
        screenshot(viewer, name)


def test_the_estimated_year_page_says_it_is_an_estimate(page, phone_page, published_calendar, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 7))
    for viewer, name in [(page, "calendar-estimate-desktop"), (phone_page, "calendar-estimate-phone")]:
        viewer.goto(viewer.base_url + "/calendar/2027/")
        assert viewer.is_visible("[data-provisional-year='2027']")
        assert "这是估算，不是官方工作日历" in viewer.inner_text("main")
        screenshot(viewer, name)


def test_the_year_page_lists_the_holidays(page, phone_page, published_calendar):
    for viewer, name in [(page, "calendar-year-desktop"), (phone_page, "calendar-year-phone")]:
        viewer.goto(viewer.base_url + "/calendar/2026/")
        assert "2026-02-15" in viewer.inner_text("main")
        screenshot(viewer, name)
