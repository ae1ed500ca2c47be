"""An applicant on a phone applies for information, fixes a mistake, and follows the request."""

from __future__ import annotations

import datetime

import pytest

from sunshine.inforequests.models import InfoRequest
from sunshine.workdays import services
from tests.browser.conftest import screenshot
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_calendar(transactional_db, monkeypatch) -> None:
    """Transactional tests flush the rows of the data migration: load 2024–2026 again; the site's
    clock stands on a working day of 2026."""
    services.load_builtin_years(by=None)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 9, 21))


def no_sideways_scrolling(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"


def test_an_applicant_on_a_phone_fixes_a_mistake_applies_and_follows_the_request(
    phone_page, tree, published_calendar
):
    page = phone_page
    page.goto(page.base_url + "/requests/apply/?agency=CITY-EDU")
    assert page.input_value("#id_agency") == "CITY-EDU"
    no_sideways_scrolling(page)

    page.fill("#id_name", "陈小明")
    page.fill("#id_id_number", CITIZEN_ID[:-1] + "1")  # a wrong check character
    page.fill("#id_phone", "13800138000")
    page.fill("#id_email", "chen@example.com")
    page.fill("#id_description", "2025年度阳光市教育局部门预算执行情况")
    page.click("button[type=submit].button")
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.locator('a[href="#id_id_number"]').count() == 1
    assert page.is_visible("#id_id_number_error")
    assert page.get_attribute("#id_id_number", "aria-invalid") == "true"
    assert page.input_value("#id_name") == "陈小明"  # what was typed is kept
    assert InfoRequest.objects.count() == 0
    screenshot(page, "request-apply-error-phone")

    summary.locator('a[href="#id_id_number"]').click()
    page.fill("#id_id_number", CITIZEN_ID)
    page.click("button[type=submit].button")
    page.wait_for_load_state()

    # The answers to check: nothing is stored yet; "Change" returns to the form with the values kept.
    assert page.locator("dl.summary-list").count() == 5
    assert page.evaluate("document.activeElement.id") == "h-check"
    assert InfoRequest.objects.count() == 0
    no_sideways_scrolling(page)
    screenshot(page, "request-check-answers-phone")
    page.click('button[name=change][value="part-wanted"]')
    page.wait_for_load_state()
    assert page.url.endswith("#part-wanted")
    assert page.input_value("#id_description") == "2025年度阳光市教育局部门预算执行情况"
    assert page.input_value("#id_id_number") == CITIZEN_ID
    page.fill("#id_title", "2025年度部门预算")
    page.click("button[type=submit].button")
    page.wait_for_load_state()
    assert "2025年度部门预算" in page.inner_text("dl.summary-list >> nth=3")
    page.click("#send-application")
    page.wait_for_load_state()

    tracking_code = page.inner_text("#tracking-code").strip()
    access_key = page.inner_text("#access-key").strip()
    assert InfoRequest.objects.get().tracking_code == tracking_code
    assert access_key not in page.url
    assert page.inner_text("#due-date") == "2026-10-26"
    assert InfoRequest.objects.get().title == "2025年度部门预算"
    assert page.is_visible("#print-page")  # shown by the script
    assert page.is_visible("#receipt-pdf")
    with page.expect_download() as download:
        page.click("#receipt-pdf")
    assert download.value.suggested_filename == f"{tracking_code}-receipt.pdf"
    no_sideways_scrolling(page)
    screenshot(page, "request-submitted-phone")

    page.goto(page.base_url + "/requests/status/")
    page.fill("#id_tracking_code", tracking_code)
    page.fill("#id_access_key", access_key)
    page.click("button[type=submit].button")
    page.wait_for_load_state()

    assert tracking_code in page.inner_text("h1")
    assert page.inner_text("#request-due") == "2026-10-26"
    assert page.locator("#request-history li").count() == 2
    assert access_key not in page.url
    no_sideways_scrolling(page)
    screenshot(page, "request-status-phone")
