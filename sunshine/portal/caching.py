"""HTTP caching of the public pages: what a browser or a proxy in front may keep, and for how long.

Three kinds of public GET responses:

- listings (home, agency pages, category listings): ``public, max-age=300`` for anonymous readers, so a
  newly published or withdrawn record shows up in them within five minutes;
- record pages and attachment downloads: ``public, max-age=0, must-revalidate``, so that a withdrawn
  record is gone at once (the server checks on every request; nothing is kept server-side);
- feeds and sitemaps (the same bytes for every reader): the listing headers plus a server-side copy
  (``cache_page``, Redis or local memory as ``settings.CACHES`` says) for anonymous readers.

Signed-in people get ``private, no-store`` and never a server copy. Every page varies on the
language (``Accept-Language``, the language cookie) and on ``Cookie``. Public pages send no cookie
(the language switch is a plain link, not a form with a CSRF token); a response that does set one is
marked ``private`` and never kept on the server, so a shared cache cannot hand one visitor's cookie
to another.

Listings, feeds and sitemaps are also kept on the server for anonymous readers, filed under the
generation of public content (``sunshine.core.public_cache``): publishing, revising or withdrawing
a record moves the generation on, so the next reader gets a fresh page at once.
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
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from sunshine.portal.middleware import key_prefix

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
    view: View, prefix: str, request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponseBase:
    """The view's response from the server's cache when there is a copy of this generation.

    Django's cache middleware does the work (the key covers the URL, the language and the headers the
    response varies on; responses that set a cookie or are private are not kept)."""

    def render(request: HttpRequest) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            # Rendered here, so that the middleware stores it at once: its post-render callback
            # returns what the cache's set() returns, which django-redis makes True, not a response.
            response.render()
        _in_one_piece(response)
        set_public_headers(request, response, listing_max_age())
        # The headers the outer middleware would add, stored with the page: a copy served by
        # StoredPublicPageMiddleware (before that middleware runs) carries them too.
        response.headers.setdefault("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper())
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

    middleware = CacheMiddleware(render, page_timeout=listing_max_age(), key_prefix=prefix)
    response = middleware(request)
    assert isinstance(response, HttpResponseBase)  # a synchronous view gives a synchronous answer
    return response


def public_listing(view: View) -> View:
    """Listings: cacheable for a short while by browsers and proxies, and kept on the server for
    anonymous readers until the public content changes."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        prefix = _current_prefix() if _anonymous_get(request) and listing_max_age() else None
        if prefix is not None:
            return _kept_on_server(view, prefix, request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        _in_one_piece(response)
        set_public_headers(request, response, listing_max_age())
        return response

    return wrapped


def always_fresh(view: View) -> View:
    """Record pages and files: a cache may store them but must ask the server every time."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        set_public_headers(request, response, 0)
        return response

    return wrapped
