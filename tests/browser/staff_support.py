"""What staff do in the back office in the browser tests: sign in, take a step of a request from its
"Next steps" panel, and work on its reply (draft, files, review and sign-off) on the reply card."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.browser.portal_support import DESKTOP, PHONE
from tests.conftest import PASSWORD


def sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@contextmanager
def staff(browser: Any, base_url: str, username: str, *, phone: bool = False) -> Iterator[Any]:
    """A page of ``username``, signed in, in a browser context of their own."""
    options: dict[str, Any] = {"locale": "zh-CN", "viewport": PHONE if phone else DESKTOP}
    if phone:
        options.update(is_mobile=True, has_touch=True)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = base_url
    try:
        sign_in(page, username)
        yield page
    finally:
        context.close()


def no_errors(page: Any) -> None:
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert page.locator(".conflict").count() == 0, page.locator(".conflict").inner_text()


def opened(panel: Any) -> Any:
    """The ``<details>`` panel, opened if it was closed."""
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return panel


def act(page: Any, action: str, **fields: str) -> None:
    """Fill and send the form of ``action`` in the request page's "Next steps"."""
    form = opened(page.locator(f"#action-{action}")).locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        if form.locator(f'input[type=radio][name="{name}"]').count():
            form.locator(f'input[type=radio][name="{name}"][value="{value}"]').check()
            continue
        control = form.locator(f'[name="{name}"]')
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def draft_reply(page: Any, *, outcome: str, reasons: str) -> None:
    """Save the reply's outcome and reasons on the reply card."""
    form = opened(page.locator("#reply-edit")).locator('form[data-form="reply-draft"]')
    form.locator('[name="outcome"]').select_option(outcome)
    form.locator('[name="reasons"]').fill(reasons)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def attach_to_reply(page: Any, name: str, content: bytes, mime_type: str) -> None:
    form = opened(page.locator("#reply-edit")).locator('form[data-form="reply-files"]')
    form.locator('input[type=file][name="attachments"]').set_input_files(
        files=[{"name": name, "mimeType": mime_type, "buffer": content}]
    )
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def reply_step(page: Any, action: str, comments: str = "") -> None:
    """Take a step of the reply's review or sign-off (send to review, approve, sign, return)."""
    form = opened(page.locator(f"#reply-step-{action}")).locator(f'form[data-reply-step="{action}"]')
    if comments:
        form.locator('[name="comments"]').fill(comments)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def reply_status(page: Any) -> str:
    return page.locator("#reply").get_attribute("data-reply-status") or ""
