"""A brake on floods of comments: at most ``LIMIT`` comments from one address in ``WINDOW_SECONDS``.

Counts live in Django's cache like the request look-up brake (``inforequests.throttle``), keyed on a
hash of the address; the window starts with the first comment.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.middleware import request_ip
from sunshine.core.workflow import WorkflowError

LIMIT = 5
WINDOW_SECONDS = 10 * 60


def _key(request: HttpRequest) -> str:
    address = request_ip(request) or "unknown"
    return "solicitations:comments:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def refused() -> WorkflowError:
    return WorkflowError(
        429,
        "too_many_comments",
        _("Many comments have come from your connection in a short time. Please try again in ten minutes."),
    )


def check(request: HttpRequest) -> None:
    """429 when the address has sent its share of comments in the window."""
    if int(cache.get(_key(request), 0)) >= LIMIT:
        raise refused()


def count(request: HttpRequest) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
