"""HTTP caching of the public pages: what a browser or a proxy in front may keep, and for how long.

Three kinds of public GET responses:

- listings (home, agency pages, category listings): ``public, max-age=300`` for anonymous readers, so a
  newly published or withdrawn record shows up in them within five minutes;
- record pages and attachment downloads: ``public, max-age=0, must-revalidate``, so that a withdrawn
  record is gone at once (the server checks on every request; nothing is kept server-side);
- feeds and sitemaps (the same bytes for every reader): the listing headers plus a server-side copy
  (``cache_page``, Redis or local memory as ``settings.CACHES`` says) for anonymous readers.

Signed-in people get ``private, no-store`` and never a server copy. Every page varies on the
language (``Accept-Language``, the language cookie) and on ``Cookie``. A page that sends a CSRF cookie
(every HTML page does today: the language switch of the layout is a form, and Django renews the cookie
whenever a token is used) is marked ``private``, so only the visitor's own browser keeps it: a shared
cache must never hand one visitor's cookie to another. Feeds, sitemaps and files send no cookie and
are ``public``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.cache import cache_page

View = Callable[..., HttpResponseBase]

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
        patch_cache_control(response, private=True, max_age=max_age, must_revalidate=not max_age)
        return
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def public_listing(view: View) -> View:
    """Listings: cacheable for a short while by browsers and proxies (anonymous readers only)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
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


def server_cached(view: View) -> View:
    """Feeds and sitemaps: listing headers, and a server-side copy for anonymous readers."""
    with_headers = public_listing(view)
    # The server keeps a copy as long as the response's max-age says (the listing max-age).
    cached = cache_page(LISTING_MAX_AGE)(with_headers)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if _signed_in(request):
            return with_headers(request, *args, **kwargs)
        return cached(request, *args, **kwargs)

    return wrapped
