"""Serve a stored public page before the rest of the middleware runs.

The public listings store their anonymous responses in the cache (``sunshine.portal.caching``),
filed under the generation of public content. This middleware, placed right after the security and
static-file middleware, answers a repeated anonymous GET from that store at once, without sessions,
CSRF, authentication or URL resolution: a stored page then costs less than the cheapest Django view.
A miss (or a signed-in reader, who carries a session cookie) goes through the full stack as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_cache_key

from sunshine.core import public_cache

CACHE_PREFIX = "portal"
log = logging.getLogger(__name__)


def key_prefix() -> str:
    return f"{CACHE_PREFIX}.{public_cache.generation()}"


class StoredPublicPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            try:
                stored = self._stored(request)
            except Exception:  # the cache server is down: the page is rendered as if nothing were stored
                log.warning(
                    "The cache could not be read; %s is rendered in full.", request.path, exc_info=True
                )
                stored = None
            if stored is not None:
                return stored
        return self.get_response(request)

    def _stored(self, request: HttpRequest) -> HttpResponseBase | None:
        # The language the page would be rendered in (as LocaleMiddleware decides it) is part of the key.
        translation.activate(translation.get_language_from_request(request))
        key = get_cache_key(request, key_prefix(), "GET", cache=cache)
        if key is None:
            return None
        response = cache.get(key)
        return response if isinstance(response, HttpResponseBase) else None
