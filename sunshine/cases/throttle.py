"""A brake on guessing access keys of cases: after too many failed look-ups from one address, refuse
a while. The same rule as requests and letters, counted apart."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.throttle import AddressCounter

FAILURES = AddressCounter("cases:lookup-failures", 10, 10 * 60)


def refused_message() -> str:
    return _(
        "There have been too many unsuccessful attempts to open a case from your connection. Please try "
        "again in ten minutes."
    )


def is_blocked(request: HttpRequest) -> bool:
    return FAILURES.reached(request)


def record_failure(request: HttpRequest) -> None:
    FAILURES.count(request)
