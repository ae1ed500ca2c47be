from __future__ import annotations

import pytest

from sunshine.workdays import services
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import WorkCalendar
from tests.workdays import reference


@pytest.fixture
def published(db) -> None:
    """2024–2026 stored. The data migration loads them; transactional tests flush them, so reload."""
    services.load_builtin_years(by=None)


@pytest.fixture
def stored_calendar(published) -> WorkCalendar:
    return current_calendar()


@pytest.fixture(scope="session")
def ref_calendar() -> WorkCalendar:
    """The hand-encoded reference table as a pure calendar (no database)."""
    return WorkCalendar(reference.table())
