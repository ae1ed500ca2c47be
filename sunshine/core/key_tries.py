"""The one brake on guessing access keys, for every door that takes a tracking code and a key: the
requests', letters' and cases' API (``X-Access-Key``), their portal forms and private links.

A failed try counts twice, in Django's cache (Redis when scaled out, so every worker and web node
shares the counts): once for the client's address, across every code and every kind of door, and
once for the tracking code tried, across every address, so that guessing one code from many
addresses is stopped too. When either count reaches its limit the door is shut for the rest of the
window, even for the right key (otherwise the limit would only slow a guesser down, not stop one):
the API answers 429 with ``Retry-After``, the pages a 429 with the reason in the reader's language.

The window is fixed: it starts with the first failure and lasts ``SUNSHINE_KEY_TRIES_WINDOW``
seconds. Limits: ``SUNSHINE_KEY_TRIES_PER_ADDRESS``, ``SUNSHINE_KEY_TRIES_PER_CODE``. Only hashes
of the address and the code are kept in the cache."""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from sunshine.core.middleware import request_ip

PREFIX = "key-tries"


@dataclass(frozen=True)
class Refusal:
    """A shut door: how many seconds until the window that shut it passes."""

    retry_after: int


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _keys(request: HttpRequest, code: str) -> list[tuple[str, int]]:
    """The two counters a try from ``request`` on ``code`` counts in, with their limits."""
    address = request_ip(request) or "unknown"
    keys = [(f"{PREFIX}:ip:{_digest(address)}", int(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS))]
    if code:
        keys.append((f"{PREFIX}:code:{_digest(code)}", int(settings.SUNSHINE_KEY_TRIES_PER_CODE)))
    return keys


def refusal(request: HttpRequest, code: str) -> Refusal | None:
    """Whether the door is shut for this address or this (normalized) tracking code, and how long."""
    return shut(_keys(request, code), int(settings.SUNSHINE_KEY_TRIES_WINDOW))


def fail(request: HttpRequest, code: str) -> None:
    """Count a wrong key (or a wrong private link) from this address on this tracking code."""
    count_in(_keys(request, code), int(settings.SUNSHINE_KEY_TRIES_WINDOW))


def shut(keys: list[tuple[str, int]], window: int) -> Refusal | None:
    """Whether any of the fixed-window counters ``keys`` (cache key, limit) has reached its limit, and
    how long until the last of those windows passes. Shared with ``core.submissions``."""
    now = time.time()
    waits = []
    for key, limit in keys:
        if int(cache.get(key, 0)) >= limit:
            until = cache.get(f"{key}:until")
            waits.append(math.ceil(float(until) - now) if until else window)
    if not waits:
        return None
    return Refusal(retry_after=max(1, *waits))


def count_in(keys: list[tuple[str, int]], window: int) -> None:
    """Count one in each counter of ``keys``; a counter's window starts with its first count."""
    for key, _limit in keys:
        if cache.add(key, 0, window):
            cache.set(f"{key}:until", time.time() + window, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            cache.set(key, 1, window)
            cache.set(f"{key}:until", time.time() + window, window)


def address_failures(request: HttpRequest) -> int:
    """How many failed tries the client's address has counted in its window."""
    return int(cache.get(_keys(request, "")[0][0], 0))
