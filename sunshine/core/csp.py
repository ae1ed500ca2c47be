"""The Content-Security-Policy of every response: the site's own scripts, styles, images and fonts
only, no inline script, no plug-ins, framed only by itself.

Django has no Content-Security-Policy of its own: ``ContentSecurityPolicyMiddleware`` sets the
header on every response that has none (a view may set a narrower or wider one for itself).
``SUNSHINE_CSP_REPORT_URI`` adds a ``report-uri`` for the browsers' violation reports.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'self'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def policy_header(policy: dict[str, str] | None = None) -> str:
    """The header's value for ``policy`` (the site's by default), with the report address if set."""
    directives = dict(POLICY if policy is None else policy)
    report_uri = getattr(settings, "SUNSHINE_CSP_REPORT_URI", "")
    if report_uri:
        directives["report-uri"] = report_uri
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = self.header
        return response
