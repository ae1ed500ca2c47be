"""Helpers of the public record page tests: records published through the real services, and the
fixtures those tests share (files in a temporary folder, an empty page cache).

Import the fixtures into a test module to use them:
``from tests.portal.records_support import fresh_cache, media``.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.cache import cache

from sunshine.agencies.models import Agency
from sunshine.records import services
from sunshine.records.models import Record, Revision
from tests.records.conftest import ALL_CHECKS, at, make_draft, media, publish_now

D = datetime.date
MARCH_10 = D(2026, 3, 10)

__all__ = ["D", "at", "fresh_cache", "make_draft", "media", "publish", "publish_now", "revise", "upload"]


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    """Feeds and sitemaps are kept in the cache for anonymous readers: every test starts without copies."""
    cache.clear()
    yield
    cache.clear()


def publish(
    agency: Agency, title: str, day: datetime.date = MARCH_10, hour: int = 10, **fields: Any
) -> Revision:
    """A record of ``agency`` drafted, reviewed, signed and published at ``day`` ``hour``."""
    fields.setdefault("document_number", "")
    return publish_now(make_draft(agency, title=title, **fields), at(day, hour))


def revise(record: Record, when: datetime.datetime, **changes: Any) -> Revision:
    """A second revision of a published record, published at ``when`` (the first is superseded)."""
    revision = services.start_revision(record=record, by=None)
    if changes:
        services.update_draft(revision=revision, by=None, **changes)
    revision = services.submit(revision=revision, by=None)
    revision = services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    revision = services.sign(revision=revision, by=None)
    return services.publish(revision=revision, by=None, now=when)


def upload(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer
