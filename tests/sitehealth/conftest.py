"""Fixtures of the website health tests: English messages, no delay between the crawler's requests,
attachments in a temporary folder, the working-day calendar (transactional tests flush it), records
published through the real services, and letters.

Dates are pinned: the checks run "today" 30 November 2026; records are published in 2026."""

from __future__ import annotations

import datetime

import pytest

from tests.letters.conftest import write, writer  # noqa: F401
from tests.portal.records_support import publish  # noqa: F401
from tests.records.conftest import media  # noqa: F401

D = datetime.date
TODAY = D(2026, 11, 30)


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def no_delay(settings):
    """The crawler waits between requests in production; not in tests."""
    settings.SUNSHINE_SITEHEALTH_DELAY_MS = 0
    settings.SUNSHINE_SITEHEALTH_TIMEOUT = 5
    settings.SUNSHINE_SITEHEALTH_MAX_PAGES = 60
    settings.SUNSHINE_SITEHEALTH_MAX_DEPTH = 2


@pytest.fixture
def client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def calendar(db):
    from sunshine.workdays import services as workdays_services

    workdays_services.load_builtin_years(by=None)
