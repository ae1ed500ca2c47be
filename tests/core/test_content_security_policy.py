"""Every response carries the Content-Security-Policy, and no page has a script the policy would
block: no inline ``<script>``, no ``on…=`` handler, no ``javascript:`` link, no ``style=``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from sunshine.core.csp import HEADER, policy_header

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.I)


def _paths(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    """The paths of every URL pattern that takes no argument."""
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.pattern.regex.groups == 0:
                yield from _paths(entry, prefix + route.lstrip("^"))
        elif isinstance(entry, URLPattern) and entry.pattern.regex.groups == 0:
            path = prefix + route.lstrip("^").rstrip("$").replace("\\", "")
            if not re.search(r"[()\[\]?*+|{}<>]", path):
                yield "/" + path


def page_paths() -> list[str]:
    with translation.override("en"):
        return sorted({p for p in _paths(get_resolver()) if not p.startswith(("/admin", "/static"))})


def offences(html: str) -> list[str]:
    found = []
    for name, pattern in (("inline script", INLINE_SCRIPT), ("handler", HANDLER), ("style", INLINE_STYLE)):
        found += [f"{name}: {m.group(0)[:80]}" for m in pattern.finditer(html)]
    if "javascript:" in html:
        found.append("javascript: link")
    return found


def test_the_policy_allows_only_the_site_itself():
    header = policy_header()
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'self'",
        "base-uri 'self'",
        "form-action 'self'",
    ):
        assert directive in header
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_the_walk_finds_public_and_staff_pages():
    paths = page_paths()
    assert "/" in paths
    assert any(p.startswith("/staff/") or p.startswith("/backoffice/") for p in paths), paths[:20]
    assert len(paths) > 30


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_every_page_carries_the_policy_and_no_inline_script(who, client, admin_user, db):
    if who == "staff":
        client.force_login(admin_user)
    problems = {}
    for path in page_paths():
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        if HEADER not in response:
            problems[path] = ["no Content-Security-Policy header"]
            continue
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            html = response.content.decode()
            found = offences(html)
            if found:
                problems[path] = found
    assert problems == {}


def test_an_api_answer_and_an_error_carry_the_policy(client, db):
    assert HEADER in client.get("/api/v1/agencies")
    assert HEADER in client.get("/no/such/page/")


def test_the_report_address_is_added_when_set(settings):
    settings.SUNSHINE_CSP_REPORT_URI = "/csp-reports/"
    assert policy_header().endswith("report-uri /csp-reports/")


def test_the_api_docs_load_nothing_from_another_host(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert EXTERNAL.findall(html) == []
    assert offences(html) == []
