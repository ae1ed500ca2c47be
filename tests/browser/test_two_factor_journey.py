"""A staff member turns two-step sign-in on in the browser (scans — here reads — the key, confirms
with the app's code, keeps the recovery codes), signs out, and signs in again with the password and
the code."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped] # django-otp ships no types

from tests.browser.conftest import screenshot
from tests.browser.staff_support import no_errors, sign_in
from tests.totp_helpers import code_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(secret: str) -> str:
    """What an authenticator app shows now for the key typed from the page."""
    raw = secret.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return str(TOTP(key).token()).zfill(6)


def test_a_staff_member_sets_up_two_step_sign_in_and_signs_in_with_a_code(page, alice):
    page.set_default_timeout(60_000)  # the first page of a session on a busy machine
    sign_in(page, "alice")
    page.locator("a[href='/staff/account/two-factor/']").click()
    page.wait_for_load_state()
    page.locator("a[href^='/staff/account/two-factor/setup/']").click()
    page.wait_for_load_state()
    assert page.locator("#two-factor-qr svg").is_visible()
    secret = page.locator("#two-factor-secret").inner_text()
    screenshot(page, "two-factor-setup")

    page.fill("#id_code", app_code(secret))
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)
    assert page.locator("#recovery-codes li").count() == 10
    page.locator("main a.button").click()
    page.wait_for_load_state()
    assert page.url.endswith("/staff/")

    page.locator("form[action='/staff/logout/'] button").click()
    page.wait_for_load_state()
    sign_in(page, "alice")
    assert page.url.endswith("/staff/login/code/")
    page.fill("#id_code", "000000")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_code").get_attribute("aria-invalid") == "true"

    page.fill("#id_code", code_of(TOTPDevice.objects.get(user=alice)))
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.endswith("/staff/")
    assert page.locator("section[aria-labelledby=h-roles]").is_visible()
