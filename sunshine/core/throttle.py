"""A count per client address in a fixed window, in Django's cache (Redis when scaled out, so every
web node shares it): the brakes on guessing access keys and on floods of comments or answers. The
window starts with the first count and lasts ``window`` seconds; only a hash of the address is kept."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from sunshine.core.middleware import request_ip


@dataclass(frozen=True)
class AddressCounter:
    prefix: str  # names the counter in the cache
    limit: int
    window: int  # seconds

    def _key(self, request: HttpRequest) -> str:
        address = request_ip(request) or "unknown"
        return f"{self.prefix}:" + hashlib.sha256(address.encode()).hexdigest()[:32]

    def value(self, request: HttpRequest) -> int:
        """How many the address has counted in its window."""
        return int(cache.get(self._key(request), 0))

    def reached(self, request: HttpRequest) -> bool:
        return self.value(request) >= self.limit

    def count(self, request: HttpRequest) -> None:
        key = self._key(request)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
