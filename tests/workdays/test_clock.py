"""Hand-made cases around Spring Festival and National Day, 2024–2026 (the notices as
tests/workdays/reference.py encodes them)."""

from __future__ import annotations

import datetime

import pytest

from sunshine.workdays.clock import (
    CalendarNotPublished,
    Clock,
    ClockState,
    WorkCalendar,
    add_working_days,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # 2024 Spring Festival: 02-09 (除夕) is a working day; 02-04 and 02-18 (Sundays) are make-up days.
        (D(2024, 2, 2), 1, D(2024, 2, 4)),
        (D(2024, 2, 8), 1, D(2024, 2, 9)),
        (D(2024, 2, 8), 2, D(2024, 2, 18)),
        (D(2024, 2, 8), 3, D(2024, 2, 19)),
        # 2024 National Day: 09-29 (Sun) and 10-12 (Sat) are make-up days.
        (D(2024, 9, 27), 1, D(2024, 9, 29)),
        (D(2024, 9, 27), 3, D(2024, 10, 8)),
        (D(2024, 9, 27), 7, D(2024, 10, 12)),
        (D(2024, 9, 27), 20, D(2024, 10, 30)),
        # 2025 Spring Festival: off 01-28 – 02-04; 01-26 (Sun) and 02-08 (Sat) are make-up days.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 1, 24), 6, D(2025, 2, 8)),
        (D(2025, 1, 24), 7, D(2025, 2, 10)),
        # 2025 National Day and Mid-Autumn: off 10-01 – 10-08; 09-28 (Sun) and 10-11 (Sat) work.
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 26), 4, D(2025, 10, 9)),
        (D(2025, 9, 26), 6, D(2025, 10, 11)),
        (D(2025, 9, 26), 7, D(2025, 10, 13)),
        # 2026 Spring Festival: off 02-15 – 02-23; 02-14 and 02-28 (Saturdays) are make-up days.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 13), 6, D(2026, 2, 28)),
        (D(2026, 2, 13), 7, D(2026, 3, 2)),
        # 2026 Mid-Autumn and National Day: make-up Saturday 10-10 counts.
        (D(2026, 9, 21), 20, D(2026, 10, 26)),
        (D(2026, 9, 21), 40, D(2026, 11, 23)),
        # Across the new year: 2026-01-01 – 01-03 off, 01-04 (Sun) works.
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        (D(2025, 12, 31), 2, D(2026, 1, 5)),
        # Receipt on a day off: the count starts the next working day.
        (D(2026, 10, 3), 1, D(2026, 10, 8)),
    ],
)
def test_it_counts_working_days_around_the_long_holidays(ref_calendar, start, n, due):
    assert add_working_days(start, n, ref_calendar) == due
    assert working_days_between(start, due, ref_calendar) == n


def test_it_returns_the_start_for_zero_days(ref_calendar):
    assert add_working_days(D(2026, 10, 3), 0, ref_calendar) == D(2026, 10, 3)


def test_it_refuses_negative_days(ref_calendar):
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 1, 5), -1, ref_calendar)


@pytest.mark.parametrize(
    ("start", "n", "year"),
    [
        (D(2026, 12, 31), 1, 2027),
        (D(2026, 12, 1), 40, 2027),
        (D(2027, 1, 4), 1, 2027),
        (D(2023, 12, 29), 1, 2023),
    ],
)
def test_it_refuses_a_year_without_a_calendar(ref_calendar, start, n, year):
    with pytest.raises(CalendarNotPublished) as info:
        add_working_days(start, n, ref_calendar)
    assert info.value.year == year


def test_it_refuses_to_count_into_an_unpublished_year(ref_calendar):
    with pytest.raises(CalendarNotPublished):
        working_days_between(D(2026, 12, 1), D(2027, 1, 5), ref_calendar)


def test_it_refuses_to_jump_a_gap_between_published_years():
    days = {D(2024, 1, 1) + datetime.timedelta(days=i): True for i in range(366)}
    days.update({D(2026, 1, 1) + datetime.timedelta(days=i): True for i in range(365)})
    calendar = WorkCalendar(days)
    assert add_working_days(D(2024, 12, 30), 1, calendar) == D(2024, 12, 31)
    with pytest.raises(CalendarNotPublished) as info:
        add_working_days(D(2024, 12, 30), 5, calendar)
    assert info.value.year == 2025
    assert add_working_days(D(2026, 1, 1), 1, calendar) == D(2026, 1, 2)


def test_it_refuses_a_calendar_with_missing_days():
    with pytest.raises(ValueError, match="every day"):
        WorkCalendar([(D(2026, 1, 1), False)])


def test_working_days_between_is_negative_backwards(ref_calendar):
    assert working_days_between(D(2026, 10, 26), D(2026, 9, 21), ref_calendar) == -20
    assert working_days_between(D(2026, 9, 21), D(2026, 9, 21), ref_calendar) == 0


def test_the_clock_is_due_after_twenty_working_days_by_default(ref_calendar):
    """条例 Art. 33: 20 working days from receipt."""
    assert Clock(start=D(2026, 9, 21)).due_date(ref_calendar) == D(2026, 10, 26)


def test_an_extension_adds_working_days(ref_calendar):
    """条例 Art. 33: one extension of at most 20 working days."""
    assert Clock(start=D(2026, 9, 21), extensions=[20]).due_date(ref_calendar) == D(2026, 11, 23)


def test_it_refuses_extensions_beyond_twenty_working_days():
    with pytest.raises(ValueError, match="exceed"):
        Clock(start=D(2026, 9, 21), extensions=[15, 6])


def test_the_licensing_clock_allows_ten_more_days():
    """行政许可法 Art. 42: +10 days with the agency head's approval."""
    Clock(start=D(2026, 9, 21), extensions=[10], max_extension=10)
    with pytest.raises(ValueError, match="exceed"):
        Clock(start=D(2026, 9, 21), extensions=[11], max_extension=10)


def test_a_pause_does_not_count_its_working_days(ref_calendar):
    """条例 Art. 33 para 2: consultation time is not counted (03-05, 03-06, 03-09, 03-10 here)."""
    plain = Clock(start=D(2026, 3, 2))
    paused = Clock(start=D(2026, 3, 2), pauses=[(D(2026, 3, 4), D(2026, 3, 10))])
    assert plain.due_date(ref_calendar) == D(2026, 3, 30)
    assert paused.due_date(ref_calendar) == D(2026, 4, 3)


def test_a_pause_after_the_due_date_changes_nothing(ref_calendar):
    clock = Clock(start=D(2026, 9, 21), pauses=[(D(2026, 10, 26), D(2026, 11, 30))])
    assert clock.due_date(ref_calendar) == D(2026, 10, 26)


def test_an_open_pause_has_no_due_date_and_shows_paused(ref_calendar):
    clock = Clock(start=D(2026, 3, 2), pauses=[(D(2026, 3, 4), None)])
    assert clock.due_date(ref_calendar) is None
    status = clock.status(D(2026, 3, 20), ref_calendar, due_soon=3)
    assert status.state == ClockState.PAUSED
    assert status.elapsed == 2


def test_overlapping_pauses_count_once(ref_calendar):
    clock = Clock(
        start=D(2026, 3, 2), pauses=[(D(2026, 3, 4), D(2026, 3, 9)), (D(2026, 3, 6), D(2026, 3, 10))]
    )
    assert clock.due_date(ref_calendar) == D(2026, 4, 3)


def test_it_refuses_a_pause_that_ends_before_it_begins():
    with pytest.raises(ValueError, match="pause"):
        Clock(start=D(2026, 3, 2), pauses=[(D(2026, 3, 9), D(2026, 3, 4))])


@pytest.mark.parametrize(
    ("today", "elapsed", "remaining", "state"),
    [
        (D(2026, 9, 21), 0, 20, ClockState.ON_TIME),
        (D(2026, 10, 20), 16, 4, ClockState.ON_TIME),
        (D(2026, 10, 21), 17, 3, ClockState.DUE_SOON),
        (D(2026, 10, 26), 20, 0, ClockState.DUE_SOON),
        (D(2026, 10, 27), 21, -1, ClockState.OVERDUE),
        (D(2026, 10, 31), 24, -4, ClockState.OVERDUE),
    ],
)
def test_the_clock_reports_its_state(ref_calendar, today, elapsed, remaining, state):
    status = Clock(start=D(2026, 9, 21)).status(today, ref_calendar, due_soon=3)
    assert (status.due_date, status.elapsed, status.remaining, status.state) == (
        D(2026, 10, 26),
        elapsed,
        remaining,
        state,
    )


def test_the_clock_refuses_a_today_in_an_unpublished_year(ref_calendar):
    with pytest.raises(CalendarNotPublished):
        Clock(start=D(2026, 12, 1)).status(D(2027, 1, 4), ref_calendar, due_soon=3)
