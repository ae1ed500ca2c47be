"""A citizen finds an agency's disclosure guide, on a desktop and on a phone, in both languages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def page_width_fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_follows_an_agency_to_its_guide_and_switches_language(page, tree):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "阳光市人民政府"

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class") == "skip-link"
    assert skip.is_visible()
    screenshot(page, "portal-skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # from <main>, the next stop is the first link inside it
    assert page.evaluate("document.activeElement.closest('main') !== null")
    screenshot(page, "portal-focus-in-main")
    screenshot(page, "portal-home-desktop")

    page.get_by_role("main").get_by_role("link", name="阳光市教育局").first.click()
    assert page.url.endswith("/agencies/CITY-EDU/")
    assert page.get_by_role("heading", name="阳光市教育局", level=1).is_visible()
    assert page.locator("#h-guide").is_visible()
    breadcrumbs = page.locator("nav.breadcrumbs")
    assert "阳光市人民政府" in breadcrumbs.inner_text()

    breadcrumbs.get_by_role("link", name="阳光市人民政府").click()
    assert page.url.endswith("/agencies/CITY/")
    guide = page.locator("dl.facts")
    assert "阳光市人民政府办公室" in guide.inner_text()
    assert "0571-12345678" in guide.inner_text()

    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/agencies/CITY/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Sunshine City Government"
    assert page.get_by_role("link", name="Education Bureau").first.is_visible()
    assert page.locator("#h-guide").inner_text() == "Disclosure guide"

    page.locator(".lang-switch a[lang=zh-hans]").click()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "阳光市人民政府"


def test_the_portal_is_readable_on_a_phone(phone_page, tree):
    page = phone_page
    page.goto(page.base_url + "/")
    assert page_width_fits(page)
    assert page.get_by_role("link", name="阳光市教育局").first.is_visible()
    screenshot(page, "portal-home-phone")

    page.goto(page.base_url + "/agencies/")
    assert page_width_fits(page)
    assert page.get_by_role("link", name="柳树社区居民委员会").is_visible()
    screenshot(page, "agency-list-phone")

    page.goto(page.base_url + "/agencies/CITY/")
    assert page_width_fits(page)
    assert page.locator("dl.facts").is_visible()
    screenshot(page, "agency-guide-phone")

    page.locator(".lang-switch a[lang=en]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page_width_fits(page)
    screenshot(page, "agency-guide-phone-en")


def test_the_portal_works_without_javascript(browser, live_server, tree):
    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        page.goto(live_server.url + "/agencies/CITY/")
        page.get_by_role("link", name="English").click()
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", level=1).inner_text() == "Sunshine City Government"
        page.locator(".lang-switch a[lang=zh-hans]").click()
        assert page.locator("html").get_attribute("lang") == "zh-hans"
    finally:
        context.close()
