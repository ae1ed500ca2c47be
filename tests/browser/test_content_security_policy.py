"""Chromium enforces the Content-Security-Policy on the key pages (home, search, a record, the request
form, the lobby, the API's Swagger UI) and reports no violation: every script, style and image the
pages use is the site's own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.portal_support import citizen
from tests.portal.lobby.conftest import guide, question, record, rita

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["guide", "question", "record", "rita"]

LISTEN = """() => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
  });
}"""


def violations_on(page: Any, path: str) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(page.base_url + path, wait_until="networkidle")
    assert response is not None
    assert response.status == 200, path
    assert "Content-Security-Policy" in {name.title(): v for name, v in response.headers.items()}
    return [*page.evaluate("() => window.__violations"), *messages]


def test_the_key_pages_run_under_the_policy_without_a_violation(browser, live_server, record):
    notice = record()
    paths = [
        "/",
        "/search/?q=招生",
        f"/records/{notice.record.index_number}/",
        "/requests/apply/",
        "/lobby/",
        "/api/v1/docs",
    ]
    found: dict[str, list[str]] = {}
    with citizen(browser, live_server.url) as page:
        page.context.add_init_script(script=f"({LISTEN})()")
        for path in paths:
            seen = violations_on(page, path)
            if seen:
                found[path] = seen
        assert found == {}
        # The Swagger UI really runs: it has read the OpenAPI document and shows the operations.
        page.goto(page.base_url + "/api/v1/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=90_000)
        assert page.evaluate("() => window.__violations") == []
