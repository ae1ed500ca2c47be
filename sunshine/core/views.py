from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponseRedirect, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from sunshine.core import health


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _cache_ok() -> bool:
    try:
        cache.set("sunshine:healthz", "1", 10)
        return cache.get("sunshine:healthz") == "1"
    except Exception:
        return False


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """{"status": "ok", "database": "ok"} (and "cache" with Redis), or 503 naming what is down; the
    domains' warnings beside them ("calendar": "ok" or "next_year_missing"), which never make a 503."""
    checks = {"database": _database_ok()}
    if settings.REDIS_URL:
        checks["cache"] = _cache_ok()
    healthy = all(checks.values())
    body: dict[str, object] = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    if checks["database"]:
        body.update(health.warnings())  # e.g. "calendar": "next_year_missing"; never a 503
        body.update(health.figures())  # e.g. "outbox": {"pending": 3, "oldest_pending_seconds": 40}
    return JsonResponse(body, status=200 if healthy else 503)


def switch_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """``GET /language/<code>/?next=/path``: remember the reader's language in a cookie and go back.

    A plain link rather than a form, so that public pages carry no CSRF token and no cookie and can
    be cached for every anonymous reader (choosing a language changes nothing but the display).
    """
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404(code)
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
