"""The calendar's fixture (tests/workdays/conftest.py) for the public calendar pages, and a memory
cache in each process for the tests of the generation file (CI runs PostgreSQL with Redis)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from tests.workdays.conftest import published

__all__ = ["memory_cache", "published"]


@pytest.fixture
def memory_cache(settings: Any) -> Iterator[None]:
    """The cache of the demo and of a server without Redis: each process's own memory, the
    generation of public content then kept in a file (whatever REDIS_URL the run was given)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()
