"""HTTP caching of the public pages: what a browser or a proxy in front may keep, and for how long.

Three kinds of public GET responses:

- listings (home, agency pages, category listings), feeds and sitemaps (``public_listing``):
  ``public, max-age=300`` for anonymous readers, so a newly published or withdrawn record shows up in
  a browser's or proxy's copy within five minutes, and a copy kept on the server;
- record pages and their print view (``public_record``): ``public, max-age=0, must-revalidate``, so
  that a browser or proxy asks every time and a withdrawn record is gone at once; the server keeps a
  copy like a listing's and answers the question from it;
- attachment downloads, the search page and the other pages checked at every request
  (``always_fresh``): ``public, max-age=0, must-revalidate``, nothing kept on the server.

Every public 200 page carries an ``ETag`` (a digest of its bytes; a file's SHA-256 for attachments)
and a ``Last-Modified`` (when it was rendered), and a reader that sends them back
(``If-None-Match`` / ``If-Modified-Since``) gets ``304 Not Modified`` while the page is the same.

Signed-in people get ``private, no-store`` and never a server copy. Every page varies on the
language (``Accept-Language``, the language cookie) and on ``Cookie``. Public pages send no cookie
(the language switch is a plain link, not a form with a CSRF token); a response that does set one is
marked ``private`` and never kept on the server, so a shared cache cannot hand one visitor's cookie
to another.

Listings, feeds, sitemaps and record pages are kept on the server for anonymous readers, filed under
the generation of public content (``sunshine.core.public_cache``): publishing, revising or
withdrawing a record moves the generation on, so the next reader gets a fresh page at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.cache import CacheMiddleware
from django.template.response import SimpleTemplateResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from sunshine.core.db_routing import primary_reads
from sunshine.portal.middleware import answer_conditionally, key_prefix

View = Callable[..., HttpResponseBase]
log = logging.getLogger(__name__)

# Seconds a listing, feed or sitemap may be kept (settings.SUNSHINE_PORTAL_CACHE_SECONDS overrides).
LISTING_MAX_AGE = 300


def listing_max_age() -> int:
    return int(getattr(settings, "SUNSHINE_PORTAL_CACHE_SECONDS", LISTING_MAX_AGE))


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def set_public_headers(request: HttpRequest, response: HttpResponseBase, max_age: int) -> None:
    """The Cache-Control and Vary headers of a public GET response (see the module's docstring)."""
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or _signed_in(request):
        add_never_cache_headers(response)
        return
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        patch_cache_control(response, private=True, max_age=max_age)
        return
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    add_validators(response)


def add_validators(response: HttpResponseBase) -> None:
    """``ETag`` (a digest of the body, unless the view set one) and ``Last-Modified`` (now: when the
    page was rendered) of a public page, kept with a stored copy."""
    if response.status_code != 200 or not isinstance(response, HttpResponse):
        return  # a file download (streamed) sets its own ETag
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response.headers["Last-Modified"] = http_date()


def _in_one_piece(response: HttpResponseBase) -> None:
    """Join a body written in many pieces (a feed writes one per element) into one: the server then
    sends it in one go instead of a socket write per piece, and a stored copy is one string. A
    template response not rendered yet (the sitemaps' for a signed-in reader) is left as it is: it is
    rendered in one piece."""
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        return
    if isinstance(response, HttpResponse):
        response.content = response.content


def _anonymous_get(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not _signed_in(request)


def _current_prefix() -> str | None:
    """The cache key prefix of this generation, read once per request; None when the cache server does
    not answer (public pages are then rendered in full, never an error)."""
    try:
        return key_prefix()
    except Exception:
        log.warning("The cache does not answer; public pages are rendered without it.", exc_info=True)
        return None


def _kept_on_server(
    view: View, prefix: str, max_age: int, request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponseBase:
    """The view's response from the server's cache when there is a copy of this generation.

    Django's cache middleware does the work (the key covers the URL, the language and the headers the
    response varies on; responses that set a cookie or are private are not kept). ``max_age``: what
    browsers and proxies are told; the server's copy lives until the generation moves on, at most
    ``listing_max_age()`` seconds."""

    def render(request: HttpRequest) -> HttpResponseBase:
        # A copy filed under this generation is read from the primary, never from a replica that may
        # not have the change that moved the generation on yet (a withdrawn record kept as shown).
        with primary_reads():
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                # Rendered here, so that the middleware stores it at once: its post-render callback
                # returns what the cache's set() returns, which django-redis makes True, not a response.
                response.render()
        _in_one_piece(response)
        set_public_headers(request, response, max_age)
        # The headers the outer middleware would add, stored with the page: a copy served by
        # StoredPublicPageMiddleware (before that middleware runs) carries them too.
        response.headers.setdefault("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper())
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

    middleware = CacheMiddleware(render, page_timeout=listing_max_age(), key_prefix=prefix)
    response = middleware(request)
    assert isinstance(response, HttpResponseBase)  # a synchronous view gives a synchronous answer
    return response


def stored_public_page(max_age: Callable[[], int]) -> Callable[[View], View]:
    """A public page kept on the server for anonymous readers until the public content changes, and
    told to browsers and proxies with ``max_age()`` seconds. Signed-in readers get the page rendered
    for them, ``private, no-store``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            prefix = _current_prefix() if _anonymous_get(request) and listing_max_age() else None
            if prefix is not None:
                response = _kept_on_server(view, prefix, max_age(), request, *args, **kwargs)
            else:
                response = view(request, *args, **kwargs)
                _in_one_piece(response)
                set_public_headers(request, response, max_age())
            return answer_conditionally(request, response)

        return wrapped

    return decorator


# Listings, feeds, sitemaps: browsers and proxies may keep them for a short while.
public_listing = stored_public_page(listing_max_age)
# Record pages: kept on the server like a listing, but a browser or proxy must ask every time, so that
# a withdrawn record is gone at once everywhere (a page that has not changed is a 304).
public_record = stored_public_page(lambda: 0)


def always_fresh(view: View) -> View:
    """Files, the search page: a cache may store them but must ask the server every time; nothing is
    kept on the server."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        set_public_headers(request, response, 0)
        return answer_conditionally(request, response)

    return wrapped
