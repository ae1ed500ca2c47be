from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


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
    """{"status": "ok", "database": "ok"} (and "cache" with Redis), or 503 naming what is down."""
    checks = {"database": _database_ok()}
    if settings.REDIS_URL:
        checks["cache"] = _cache_ok()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)
