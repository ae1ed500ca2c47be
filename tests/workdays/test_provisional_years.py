"""A year with no published calendar is estimated, never refused (docs/legal.md#provisional-years)."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest

from sunshine.workdays.clock import CalendarNotPublished, Clock, WorkCalendar
from sunshine.workdays.days import provisional_days, provisional_table, table_from_chinesecalendar

D = datetime.date


def published_2026() -> dict[D, bool]:
    return {day: working for day, (working, _note) in table_from_chinesecalendar(2026).items()}


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar(published_2026(), provisional=provisional_days)


def test_the_estimate_is_weekdays_minus_the_statutory_holidays_without_make_up_days():
    table = provisional_table(2027)
    assert table is not None
    assert table[D(2027, 1, 1)] == (False, "元旦")  # a Friday
    assert table[D(2027, 1, 4)][0] is True  # an ordinary Monday
    assert table[D(2027, 1, 9)][0] is False  # Saturdays stay off: no make-up day is foreseen
    assert table[D(2027, 10, 1)][0] is False
    assert all(not working for day, (working, _note) in table.items() if day.weekday() >= 5)
    assert provisional_table(1999) is None
    assert provisional_table(2101) is None


def test_a_period_into_the_next_year_ends_on_the_estimate(calendar):
    assert calendar.provisional_years == frozenset()
    assert calendar.nth_after(D(2026, 12, 7), 20) == D(2027, 1, 5)
    assert calendar.provisional_years == {2027}
    assert calendar.published_years == {2026}
    assert calendar.touches_provisional(D(2026, 12, 7), D(2027, 1, 5))
    assert not calendar.touches_provisional(D(2026, 3, 2), D(2026, 3, 30))


def test_counting_and_asking_about_a_day_add_the_estimate_too(calendar):
    assert calendar.count(D(2026, 12, 31), D(2027, 1, 8)) == 5  # 1-04 … 1-08
    assert calendar.is_workday(D(2028, 1, 4)) is True  # 1-01 is a Saturday: Monday 1-03 is off instead
    assert calendar.provisional_years == {2027, 2028}
    assert calendar.count(D(2027, 1, 8), D(2026, 12, 31)) == -5


def test_a_year_before_the_published_ones_is_estimated_as_well(calendar):
    # 12-31 on the estimate, then Sunday 2026-01-04, a make-up working day of the published notice.
    assert calendar.nth_after(D(2025, 12, 30), 2) == D(2026, 1, 4)
    assert 2025 in calendar.provisional_years


def test_published_days_are_never_replaced_by_the_estimate(calendar):
    # 2026-10-10 is a make-up working Saturday of the notice: it stays a working day.
    calendar.nth_after(D(2026, 12, 30), 30)
    assert calendar.is_workday(D(2026, 10, 10)) is True
    assert calendar.is_provisional(D(2026, 10, 10)) is False


def test_a_clock_with_a_pause_runs_on_the_estimate():
    calendar = WorkCalendar(published_2026(), provisional=provisional_days)
    clock = Clock(start=D(2026, 12, 7), pauses=[(D(2026, 12, 14), D(2026, 12, 21))])
    # Five working days of pause (12-15 … 12-21) push the 20th working day from 1-05 to 1-12.
    assert clock.due_date(calendar) == D(2027, 1, 12)


def test_without_an_estimate_the_calendar_still_says_so():
    bare = WorkCalendar(published_2026())
    with pytest.raises(CalendarNotPublished) as raised:
        bare.nth_after(D(2026, 12, 7), 20)
    assert raised.value.year == 2027
    estimated = WorkCalendar(published_2026(), provisional=provisional_days)
    with pytest.raises(CalendarNotPublished):
        estimated.nth_after(D(1990, 1, 1), 5)


def test_threads_adding_the_same_year_agree(calendar):
    starts = [D(2026, 12, 1) + datetime.timedelta(days=n) for n in range(30)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda day: calendar.nth_after(day, 40), starts))
    fresh = WorkCalendar(published_2026(), provisional=provisional_days)
    assert results == [fresh.nth_after(day, 40) for day in starts]
    assert calendar.provisional_years == {2027}
