"""The requests' door to the brake on guessing access keys (``core.key_tries``): every way of opening
a request with its code and key or its private link (the portal's status form and private links,
the API's ``X-Access-Key``) counts a failure for the address and for the code, and is shut for both
once either has reached its limit."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core import key_tries
from sunshine.inforequests.access import normalize_code


def refused_message() -> str:
    """What a refused address reads, on the portal's page and in the API's error."""
    return _(
        "There have been too many unsuccessful attempts to open a request from your connection. To "
        "protect applicants, we do not accept more for a while. Please try again in ten minutes."
    )


def refusal(request: HttpRequest, code: str | None) -> key_tries.Refusal | None:
    return key_tries.refusal(request, normalize_code(code))


def record_failure(request: HttpRequest, code: str | None) -> None:
    key_tries.fail(request, normalize_code(code))
