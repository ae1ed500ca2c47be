"""Staff sign in to the back office, get a clear message when they mistype, and are locked out
after repeated failures; only those whose roles allow it read the audit log."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit_sign_in(page, username: str, password: str) -> int:
    """Fills and sends the sign-in form; answers the status of the page the browser lands on."""
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_response(lambda r: r.request.method == "POST" and "/staff/login/" in r.url) as posted:
        page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    request = posted.value.request
    while request.redirected_to is not None:  # a successful sign-in redirects to the desk
        request = request.redirected_to
    final = request.response()
    assert final is not None
    return final.status


def switch_language(page, code: str) -> None:
    page.locator(f".lang-switch a[lang={code}]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == code


def test_an_officer_signs_in_and_sees_her_role_and_agency(page, alice):
    page.goto(page.base_url + "/staff/")
    assert "/staff/login/" in page.url  # the desk asks for a sign-in first

    assert submit_sign_in(page, "alice", "not her password") == 200
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.locator("a").first.get_attribute("href") == "#id_username"
    assert page.input_value("#id_username") == "alice"
    assert page.input_value("#id_password") == ""
    screenshot(page, "staff-sign-in-error")

    switch_language(page, "en")
    assert submit_sign_in(page, "alice", "still not her password") == 200
    assert page.title().startswith("Error:")
    assert page.locator("#error-summary-title").inner_text() == "There is a problem"
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_username"

    assert submit_sign_in(page, "alice", PASSWORD) == 200
    assert page.url.endswith("/staff/")
    assert not page.title().startswith("Error:")
    roles = page.locator("section[aria-labelledby=h-roles]")
    assert "Education Bureau" in roles.inner_text()
    assert "Information officer" in roles.inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()

    switch_language(page, "zh-hans")
    assert "阳光市教育局" in page.locator("section[aria-labelledby=h-roles]").inner_text()
    screenshot(page, "staff-desk")


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(page, alice):
    page.goto(page.base_url + "/staff/login/")
    statuses = [submit_sign_in(page, "alice", f"wrong {n}") for n in range(1, 6)]
    # The fifth failure reaches the limit: its answer is already the locked page.
    assert statuses == [200, 200, 200, 200, 429]
    assert page.locator(".notice--warning[role=alert]").is_visible()

    page.goto(page.base_url + "/staff/login/")
    assert submit_sign_in(page, "alice", PASSWORD) == 429
    assert page.locator(".notice--warning[role=alert]").is_visible()
    assert "/staff/login/" in page.url
    screenshot(page, "staff-locked")

    page.goto(page.base_url + "/staff/")
    assert "/staff/login/" in page.url  # still signed out


def test_a_supervisor_reads_the_audit_log_and_an_officer_may_not(page, sam, alice):
    page.goto(page.base_url + "/staff/login/")
    assert submit_sign_in(page, "sam", PASSWORD) == 200
    page.locator("nav.site-nav").locator("a[href='/staff/audit/']").click()
    assert page.url.endswith("/staff/audit/")
    rows = page.locator("table.table--audit tbody tr")
    assert rows.count() > 0
    assert "东城区" in page.locator("table.table--audit").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "staff-audit")

    assert page.locator("table.table--audit tr[data-action='agency.create']").count() > 0
    page.select_option("#id_action", "api_token.revoke")  # the actions are a list, in words
    page.locator("form.filters button[type=submit]").click()
    assert "action=api_token.revoke" in page.url
    assert page.locator("table.table--audit tbody tr").count() == 1  # the "no entries" row

    page.locator("form[action='/staff/logout/'] button").click()
    page.goto(page.base_url + "/staff/login/")
    assert submit_sign_in(page, "alice", PASSWORD) == 200
    response = page.goto(page.base_url + "/staff/audit/")
    assert response is not None
    assert response.status == 403


def test_the_back_office_is_readable_on_a_phone(phone_page, sam):
    page = phone_page
    page.goto(page.base_url + "/staff/login/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "staff-sign-in-phone")
    assert submit_sign_in(page, "sam", PASSWORD) == 200
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "staff-desk-phone")
    page.goto(page.base_url + "/staff/audit/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "staff-audit-phone")
