"""Addresses of the former site (docs/onboarding.md#old-addresses): a record imported with its
``old_url`` answers there with a permanent redirect (301) to its page here; any other address under
one of the old site's prefixes (``SUNSHINE_OLD_SITE_PREFIXES``) shows the search page for the words of
the address, with the status 404, instead of a bare "not found".

An address is kept normalised (``normalise``): the scheme and host are dropped (the old site's
domain now points here), percent-escapes are decoded, repeated slashes become one, and the query
string is kept, its parameters sorted, because old CMS pages are often told apart only by it
(``/col/col1/index.html?id=5`` and ``?id=6`` are two pages). Parameters that only track visits
(``utm_*``, ``spm``, ``from``…) and empty ones are dropped. A request is looked up with its query string
first, then without it (an old address given without one matches whatever query a link added).

The middleware looks only at responses that are already a 404, so a normal page costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect, QueryDict

from sunshine.onboarding.models import OldAddress

MAX_LENGTH = 1000
DEFAULT_PREFIXES = ("/art/", "/col/", "/module/", "/zwgk/", "/xxgk/", "/govinfo/")
TRACKING = re.compile(r"^(utm_.*|spm|from|isappinstalled|share_.*)$", re.IGNORECASE)
# Parts of an old address that are no words to search for.
NOT_WORDS = frozenset(
    {"art", "col", "html", "htm", "shtml", "jsp", "asp", "aspx", "php", "index", "module", "id", "www"}
)
_WORD = re.compile(r"[^\W_]+")


def normalise(url: str) -> str:
    """The key of an old address: its path (decoded, single slashes, starting with "/") and its
    query string with sorted parameters; "" for an address that is not one."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    path = re.sub(r"/{2,}", "/", unquote(parts.path or "/"))
    if not path.startswith("/"):
        path = "/" + path
    query = urlencode(
        sorted(
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=False)
            if not TRACKING.match(name)
        )
    )
    return (f"{path}?{query}" if query else path)[:MAX_LENGTH]


def prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "SUNSHINE_OLD_SITE_PREFIXES", DEFAULT_PREFIXES))


def find(path: str, query: str) -> OldAddress | None:
    """The old address a request's path and query string stand for (with the query, then without)."""
    with_query = normalise(f"{path}?{query}" if query else path)
    candidates = list(dict.fromkeys([with_query, normalise(path)]))
    found = {a.path: a for a in OldAddress.objects.select_related("record").filter(path__in=candidates)}
    for candidate in candidates:
        if candidate in found:
            return found[candidate]
    return None


def words_of(path: str) -> str:
    """The words of an old address to search for: the parts that are not numbers or file types."""
    words = [word for word in _WORD.findall(unquote(path)) if not word.isdigit()]
    return " ".join(dict.fromkeys(w for w in words if w.lower() not in NOT_WORDS and len(w) > 1))[:100]


class OldAddressMiddleware:
    """A 404 at a known old address becomes a 301 to the record's page; a 404 under an old prefix
    becomes the search page for the address's words (still a 404). Other responses pass untouched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        found = find(request.path, request.META.get("QUERY_STRING", ""))
        if found is not None and found.record.index_number:
            from sunshine.records.indexing import record_url
            from sunshine.records.selectors import published_records

            if published_records().filter(record_id=found.record_id).exists():  # not while in review
                return HttpResponsePermanentRedirect(record_url(found.record.index_number))
        if request.path.startswith(prefixes()):
            return self._search(request)
        return response

    def _search(self, request: HttpRequest) -> HttpResponseBase:
        from sunshine.portal.search import search_page

        words = QueryDict(mutable=True)
        words["q"] = words_of(request.path)
        request.GET = words  # type: ignore[assignment]  # the search page reads the words as if typed
        answer = search_page(request)
        answer.status_code = 404
        return answer
