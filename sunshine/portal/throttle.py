"""A brake on guessing access keys: after too many failed look-ups from one address, refuse a while.

Counts live in Django's cache (Redis when scaled out, so every web node shares them). The window is
fixed: it starts with the first failure and lasts ``WINDOW_SECONDS``.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from sunshine.core.middleware import request_ip

FAILURE_LIMIT = 10
WINDOW_SECONDS = 10 * 60


def _key(request: HttpRequest) -> str:
    address = request_ip(request) or "unknown"
    return "portal:request-lookup-failures:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= FAILURE_LIMIT


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
