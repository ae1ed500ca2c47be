from __future__ import annotations

from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.fixture(autouse=True)
def midsummer(monkeypatch):
    """A day on which this year's and next year's calendars raise no warning (see
    tests/workdays/test_calendar_warnings.py for the warning)."""
    import datetime

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 6, 1))


def test_health_is_ok_when_the_database_answers(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "calendar": "ok"}


def test_health_names_the_database_when_it_is_down(client, db, settings):
    settings.REDIS_URL = ""
    with mock.patch("sunshine.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_health_checks_redis_when_it_is_configured(client, db, settings):
    import os

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}}
    from django.core.cache import caches

    try:
        caches["default"].set("probe", "1", 5)
    except Exception:
        pytest.fail(f"Redis is not reachable at {url}; the test needs it (as CI provides)")
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "calendar": "ok"}


def test_health_names_the_cache_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down", "calendar": "ok"}
