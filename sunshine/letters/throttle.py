"""A brake on guessing access keys of letters: after too many failed look-ups from one address,
refuse a while. The same rule as requests (sunshine/inforequests/throttle.py), counted apart."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.throttle import AddressCounter

FAILURE_LIMIT = 10
WINDOW_SECONDS = 10 * 60
FAILURES = AddressCounter("letters:lookup-failures", FAILURE_LIMIT, WINDOW_SECONDS)


def refused_message() -> str:
    return _(
        "There have been too many unsuccessful attempts to open a letter from your connection. Please try "
        "again in ten minutes."
    )


def is_blocked(request: HttpRequest) -> bool:
    return FAILURES.reached(request)


def record_failure(request: HttpRequest) -> None:
    FAILURES.count(request)
