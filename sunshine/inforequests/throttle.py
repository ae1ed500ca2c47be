"""A brake on guessing access keys: after too many failed look-ups from one address, refuse a while.

One count per address for every way of opening a request with its code and key or its private
link: the portal's status form and private links, and the API's ``X-Access-Key`` (a wrong key
there is a failed try like a wrong key on the form). Counts live in Django's cache (Redis when
scaled out, so every web node shares them). The window is fixed: it starts with the first failure
and lasts ``WINDOW_SECONDS``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.throttle import AddressCounter

FAILURE_LIMIT = 10
WINDOW_SECONDS = 10 * 60
FAILURES = AddressCounter("portal:request-lookup-failures", FAILURE_LIMIT, WINDOW_SECONDS)


def refused_message() -> str:
    """What a refused address reads, on the portal's page and in the API's error."""
    return _(
        "There have been too many unsuccessful attempts to open a request from your connection. To "
        "protect applicants, we do not accept more for a while. Please try again in ten minutes."
    )


def is_blocked(request: HttpRequest) -> bool:
    return FAILURES.reached(request)


def record_failure(request: HttpRequest) -> None:
    FAILURES.count(request)
