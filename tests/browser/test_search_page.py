"""A citizen searches published information from the home page, on a phone and on a desktop."""

from __future__ import annotations

import datetime

import pytest

from tests.browser.conftest import screenshot
from tests.records.conftest import at, make_draft, publish_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


@pytest.fixture
def records(tree):
    for n, agency in enumerate(("education", "finance", "health")):
        publish_now(
            make_draft(
                tree[agency],
                title=f"{tree[agency].name}2026年部门预算公开说明（第{n + 1}号）",
                category_key="budget",
                genre="report",
                document_number="",
                body="根据预算法，现将本单位2026年部门预算及相关说明公开如下。" * 3,
            ),
            at(D(2026, 3, 10 + n)),
        )


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_searches_on_a_phone_and_narrows_by_agency(phone_page, records):
    page = phone_page
    page.goto(page.base_url + "/")
    page.locator("#home-q").fill("预算")
    page.locator(".home-search button").click()

    assert "/search/?q=" in page.url
    assert page.locator(".search-result").count() == 3
    assert page.locator(".search-result mark").first.inner_text() == "预算"
    assert fits(page)
    screenshot(page, "search-phone-results")

    page.locator(".search-filters summary").click()
    page.locator("#search-agency").select_option("CITY-EDU")
    page.get_by_role("button", name=page.locator(".search-filters__actions .button").inner_text()).click()
    assert page.locator(".search-result").count() == 1
    assert fits(page)
    screenshot(page, "search-phone-filtered")


def test_bad_input_is_explained_next_to_the_field(page, records):
    page.goto(page.base_url + "/search/?date_from=2026-05-01&date_to=2026-04-01")

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.locator("#search-date_to").get_attribute("aria-invalid") == "true"
    screenshot(page, "search-desktop-error")
