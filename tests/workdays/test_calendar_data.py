"""The stored 2024–2026 calendar against the hand-encoded notices (tests/workdays/reference.py) and
the holidays package."""

from __future__ import annotations

import datetime

import holidays
import pytest

from sunshine.workdays.calendar import current_calendar, published_years
from sunshine.workdays.models import CalendarDay, CalendarSource, CalendarYear
from tests.workdays import reference


def test_the_migration_publishes_2024_to_2026(published):
    assert [y for y in published_years() if y in (2024, 2025, 2026)] == [2024, 2025, 2026]
    assert set(CalendarYear.objects.values_list("source", flat=True)) >= {CalendarSource.CHINESECALENDAR}
    assert CalendarDay.objects.filter(date__year__in=[2024, 2025, 2026]).count() == 366 + 365 + 365


def test_every_stored_date_matches_the_reference_table(published):
    stored = dict(
        CalendarDay.objects.filter(date__year__in=[2024, 2025, 2026]).values_list("date", "is_workday")
    )
    mismatches = [day for day in reference.all_days() if stored.get(day) != reference.is_workday(day)]
    assert mismatches == []


def test_the_notes_name_the_holidays_and_make_up_days(published):
    assert CalendarDay.objects.get(date=datetime.date(2026, 2, 17)).note == "春节"
    assert CalendarDay.objects.get(date=datetime.date(2026, 10, 10)).note == "国庆节调休上班"
    assert CalendarDay.objects.get(date=datetime.date(2024, 2, 9)).note == ""  # 除夕 2024 is a working day
    assert CalendarDay.objects.get(date=datetime.date(2026, 3, 3)).note == ""


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_statutory_holidays_of_the_holidays_package_are_days_off(published, year):
    """Cross-check: every public holiday the ``holidays`` package lists for China is stored as a day off,
    and every stored weekday off is a holiday there or a day moved by the notice (调休)."""
    cn = holidays.China(years=year)
    assert len(cn) >= 7
    stored = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday"))
    assert [day for day in cn if stored[day]] == []
    weekday_off = {day for day, working in stored.items() if not working and day.weekday() < 5}
    # Days off that are not holidays in the package must be in the notice's ranges (moved days).
    assert weekday_off - set(cn) <= reference.OFF


def test_the_stored_calendar_loads_as_a_work_calendar(stored_calendar):
    assert {2024, 2025, 2026} <= stored_calendar.years
    for day in reference.all_days():
        assert stored_calendar.is_workday(day) is reference.is_workday(day)


def test_the_cached_calendar_is_rebuilt_when_a_year_is_published(published):
    from sunshine.workdays import services
    from sunshine.workdays.days import default_table

    before = current_calendar()
    assert current_calendar() is before  # unchanged: served from the cache
    services.publish_year(by=None, year=2027, table=default_table(2027), source=CalendarSource.MANUAL)
    after = current_calendar()
    assert after is not before
    assert 2027 in after.years


def test_an_incomplete_year_is_not_published(published):
    row = CalendarYear.objects.create(year=2030, source=CalendarSource.MANUAL)
    CalendarDay.objects.create(calendar_year=row, date=datetime.date(2030, 1, 2), is_workday=True)
    assert 2030 not in published_years()
    assert 2030 not in current_calendar().years
