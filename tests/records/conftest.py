"""Fixtures of the records tests: the Education Bureau's staff in every role, a draft maker, the
whole way to publication, and files stored in a temporary folder.

People (besides alice, the officer, and olga, the city's disclosure office, of tests/conftest.py):
rita reviews and simon signs off for the Education Bureau; fred is an officer of Finance.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest

from sunshine.agencies.models import Agency, Role
from sunshine.records import services
from sunshine.records.codes import ChecklistItem
from sunshine.records.models import Category, Revision
from sunshine.workdays import services as workdays_services

D = datetime.date
# A resident identity number with a valid check character (GB 11643).
CITIZEN_ID = "11010519491231002X"
ALL_CHECKS = list(ChecklistItem.values)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment of ``day`` in Beijing time."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments go to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def calendar(db) -> None:
    """2024–2026 stored (transactional tests flush what the data migration loaded)."""
    workdays_services.load_builtin_years(by=None)


@pytest.fixture
def rita(make_user, tree):
    """Rita reviews the Education Bureau's records (保密审查)."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def simon(make_user, tree):
    """Simon signs off the Education Bureau's records (签发)."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


def category(agency: Agency, key: str = "notices") -> Category:
    return Category.objects.get(agency=agency, key=key)


def make_draft(agency: Agency, by=None, **fields) -> Revision:
    values: dict[str, Any] = {
        "title": "阳光市教育局关于做好2026年义务教育招生工作的通知",
        "category": category(agency, fields.pop("category_key", "notices")),
        "genre": "notice",
        "document_number": "阳教发〔2026〕12号",
        "formation_date": D(2026, 3, 2),
        "keywords": "义务教育；招生",
        "body": "各区教育局：\n现将2026年义务教育招生工作有关事项通知如下。",
    }
    values.update(fields)
    return services.create_draft(agency=agency, by=by, **values)


def to_signed(revision: Revision) -> Revision:
    """Through review and sign-off as the system."""
    revision = services.submit(revision=revision, by=None)
    revision = services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    return services.sign(revision=revision, by=None)


def publish_now(revision: Revision, when: datetime.datetime | None = None) -> Revision:
    revision = to_signed(revision)
    return services.publish(revision=revision, by=None, now=when or at(D(2026, 3, 10)))


@pytest.fixture
def draft(tree) -> Revision:
    return make_draft(tree["education"])


def upload(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


@contextmanager
def fixed_today(day: datetime.date) -> Iterator[datetime.date]:
    """``timezone.localdate()`` answers ``day`` everywhere (services, selectors, views)."""
    from django.utils import timezone

    real = timezone.localdate

    def fake(value: datetime.datetime | None = None, tz: datetime.tzinfo | None = None) -> datetime.date:
        return day if value is None else real(value, tz)

    with mock.patch("django.utils.timezone.localdate", side_effect=fake):
        yield day


@pytest.fixture
def stored_calendar(calendar):
    from sunshine.workdays.calendar import current_calendar

    return current_calendar()
