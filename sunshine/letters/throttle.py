"""A brake on guessing access keys of letters: after too many failed look-ups from one address,
refuse a while. The same rule as requests (sunshine/inforequests/throttle.py), counted apart: moving
one counter into ``core`` for both is left for later (docs/letters.md#left-for-later)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.middleware import request_ip

FAILURE_LIMIT = 10
WINDOW_SECONDS = 10 * 60


def _key(request: HttpRequest) -> str:
    address = request_ip(request) or "unknown"
    return "letters:lookup-failures:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def refused_message() -> str:
    return _(
        "There have been too many unsuccessful attempts to open a letter from your connection. Please try "
        "again in ten minutes."
    )


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= FAILURE_LIMIT


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
