from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sunshine.core.request_context import reset_client_ip, reset_site_url, set_client_ip, set_site_url


def request_ip(request: HttpRequest) -> str | None:
    """The client's address; behind a trusted proxy, the last hop it added."""
    if getattr(settings, "SUNSHINE_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def _site_of(request: HttpRequest) -> str | None:
    try:
        return request.build_absolute_uri("/").rstrip("/")
    except Exception:  # a Host header outside ALLOWED_HOSTS: no links from this request
        return None


class RequestContextMiddleware:
    """Makes the client address (for the audit log) and the site's address (for links in messages)
    available for the span of one request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_client_ip(request_ip(request))
        site = set_site_url(_site_of(request))
        try:
            return self.get_response(request)
        finally:
            reset_site_url(site)
            reset_client_ip(token)
