"""Serve a stored public page before the rest of the middleware runs.

The public listings store their anonymous responses in the cache (``sunshine.portal.caching``),
filed under the generation of public content. This middleware, placed right after the security and
static-file middleware, answers a repeated anonymous GET from that store at once, without sessions,
CSRF, authentication or URL resolution: a stored page then costs less than the cheapest Django view.
A miss (or a signed-in reader, who carries a session cookie) goes through the full stack as usual.
A reader who sends back the page's ``ETag`` or ``Last-Modified`` gets ``304 Not Modified``; any other
public page an anonymous reader gets (one that sets no cookie and is not ``private`` or ``no-store``)
is given an ``ETag`` here, so it answers ``If-None-Match`` too.

Each process also keeps the pages it served last (``RECENT_PAGES``, bytes and headers, under the
generation, the address and the request headers the pages vary on, until their ``Expires``): a page
asked for again is answered without reading the cache server or unpickling a response.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_cache_key, get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from sunshine.core import public_cache

CACHE_PREFIX = "portal"
RECENT_PAGES = 256  # pages each process keeps in its own memory
RECENT_PAGE_BYTES = 512 * 1024  # larger pages are read from the cache every time
log = logging.getLogger(__name__)

Key = tuple[str, str, str, str]
Page = tuple[float, int, list[tuple[str, str]], bytes]  # expires (epoch seconds), status, headers, body


class RecentPages:
    """The pages this process served from the cache last, as bytes and headers (least recently used
    go first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[Key, Page] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Key) -> HttpResponse | None:
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None
            if page[0] <= time.time():
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
        _expires, status, headers, body = page
        return HttpResponse(body, status=status, headers=dict(headers))

    def put(self, key: Key, response: HttpResponseBase) -> None:
        expires = parse_http_date_safe(response.headers.get("Expires", ""))
        if (
            expires is None
            or not isinstance(response, HttpResponse)
            or response.cookies
            or len(response.content) > RECENT_PAGE_BYTES
        ):
            return
        page = (float(expires), response.status_code, list(response.headers.items()), response.content)
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


recent_pages = RecentPages(RECENT_PAGES)


def answer_conditionally(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """``304 Not Modified`` (headers only) when the reader's copy, named by ``If-None-Match`` or
    ``If-Modified-Since``, is this page; the page itself otherwise. The response is not changed (it
    may be the stored copy)."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not isinstance(response, HttpResponse):  # a file download answers If-None-Match itself
        return response
    etag = response.get("ETag")
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag is None and last_modified is None:
        return response
    answer = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    return answer if answer is not None else response


def _shareable(response: HttpResponseBase) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def with_etag(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """An anonymous reader's public page rendered by the full stack, with an ``ETag`` (a digest of its
    bytes) when it has none, answered with 304 when the reader has it already."""
    if request.method != "GET" or not _shareable(response):
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    return answer_conditionally(request, response)


def key_prefix() -> str:
    return f"{CACHE_PREFIX}.{public_cache.generation()}"


class StoredPublicPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        return with_etag(request, self._answer(request))

    def _answer(self, request: HttpRequest) -> HttpResponseBase:
        try:
            pinned = public_cache.pin()  # the generation, read once for the whole request
        except Exception:  # the cache server is down: the page is rendered as if nothing were stored
            log.warning("The cache could not be read; %s is rendered in full.", request.path, exc_info=True)
            return self.get_response(request)
        try:
            try:
                stored = self._stored(request)
            except DisallowedHost:  # the full stack answers 400
                stored = None
            except Exception:  # the cache server is down: the page is rendered as if nothing were stored
                log.warning(
                    "The cache could not be read; %s is rendered in full.", request.path, exc_info=True
                )
                stored = None
            if stored is None:
                return self.get_response(request)
            return answer_conditionally(request, stored)
        finally:
            public_cache.unpin(pinned)

    def _stored(self, request: HttpRequest) -> HttpResponseBase | None:
        prefix = key_prefix()
        # Everything the stored pages vary on (Accept-Language, Cookie) and more: never a wrong page.
        recent: Key = (
            prefix,
            request.build_absolute_uri(),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            request.META.get("HTTP_COOKIE", ""),
        )
        page = recent_pages.get(recent)
        if page is not None:
            return page
        # The language the page would be rendered in (as LocaleMiddleware decides it) is part of the key.
        translation.activate(translation.get_language_from_request(request))
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is None:
            return None
        response = cache.get(key)
        if not isinstance(response, HttpResponseBase):
            return None
        recent_pages.put(recent, response)
        return response
