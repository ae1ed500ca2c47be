"""A brake on floods of responses: at most ``LIMIT`` responses from one address in ``WINDOW_SECONDS``
(the pattern of ``solicitations.throttle``), keyed on a hash of the address."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.middleware import request_ip
from sunshine.core.workflow import WorkflowError

LIMIT = 10
WINDOW_SECONDS = 10 * 60


def _key(request: HttpRequest) -> str:
    address = request_ip(request) or "unknown"
    return "surveys:responses:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def check(request: HttpRequest) -> None:
    """429 when the address has sent its share of responses in the window."""
    if int(cache.get(_key(request), 0)) >= LIMIT:
        raise WorkflowError(
            429,
            "too_many_responses",
            _("Many answers came from your connection in a short time. Please try again in ten minutes."),
        )


def count(request: HttpRequest) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
