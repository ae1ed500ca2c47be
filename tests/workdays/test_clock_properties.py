"""Properties of the pure clock, on the hand-encoded 2024–2026 calendar."""

from __future__ import annotations

import datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sunshine.workdays.clock import (
    CalendarNotPublished,
    Clock,
    WorkCalendar,
    add_working_days,
    working_days_between,
)
from tests.workdays import reference

CALENDAR = WorkCalendar(reference.table())
dates = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2026, 6, 30))
counts = st.integers(min_value=1, max_value=60)


def workday(day: datetime.date) -> bool:
    return reference.is_workday(day)


@given(start=dates, n=counts)
def test_the_result_is_a_working_day_after_the_start(start, n):
    due = add_working_days(start, n, CALENDAR)
    assert due > start
    assert workday(due)


@given(start=dates, n=counts)
def test_adding_then_counting_gives_back_the_days(start, n):
    assert working_days_between(start, add_working_days(start, n, CALENDAR), CALENDAR) == n


@given(start=dates, n=counts)
def test_it_agrees_with_a_day_by_day_count(start, n):
    assert add_working_days(start, n, CALENDAR) == reference.naive_due_date(start, n)


@given(start=dates, n=counts)
def test_more_days_end_later(start, n):
    assert add_working_days(start, n + 1, CALENDAR) > add_working_days(start, n, CALENDAR)


@given(a=dates, b=dates, n=counts)
def test_a_later_start_never_ends_earlier(a, b, n):
    first, second = sorted((a, b))
    assert add_working_days(first, n, CALENDAR) <= add_working_days(second, n, CALENDAR)


@given(a=dates, b=dates, c=dates)
def test_counts_add_up_over_consecutive_spans(a, b, c):
    assert working_days_between(a, b, CALENDAR) + working_days_between(
        b, c, CALENDAR
    ) == working_days_between(a, c, CALENDAR)


pauses = st.lists(
    st.tuples(dates, st.integers(min_value=0, max_value=30)).map(
        lambda pair: (pair[0], pair[0] + datetime.timedelta(days=pair[1]))
    ),
    max_size=3,
)


@given(start=dates, limit=st.integers(min_value=1, max_value=40), spans=pauses)
@settings(max_examples=300)
def test_pauses_only_ever_push_the_due_date_later(start, limit, spans):
    plain = Clock(start=start, limit=limit).due_date(CALENDAR)
    try:
        paused = Clock(start=start, limit=limit, pauses=spans).due_date(CALENDAR)
    except CalendarNotPublished:
        return  # pushed into 2027, which is later still
    assert paused is not None
    assert plain is not None
    assert paused >= plain
    assert workday(paused)


@given(start=dates, limit=st.integers(min_value=1, max_value=40), spans=pauses)
@settings(max_examples=300)
def test_the_due_date_is_reached_when_the_counted_days_run_out(start, limit, spans):
    clock = Clock(start=start, limit=limit, pauses=spans)
    try:
        due = clock.due_date(CALENDAR)
    except CalendarNotPublished:
        return
    assert due is not None
    assert clock.elapsed(due, CALENDAR) == limit
    assert clock.remaining(due - datetime.timedelta(days=1), CALENDAR) > 0


@given(
    start=dates, limit=st.integers(min_value=1, max_value=20), extra=st.integers(min_value=1, max_value=20)
)
def test_an_extension_is_the_same_as_a_longer_limit(start, limit, extra):
    extended = Clock(start=start, limit=limit, extensions=[extra]).due_date(CALENDAR)
    assert extended == Clock(start=start, limit=limit + extra).due_date(CALENDAR)


@given(start=dates, today=dates)
def test_elapsed_never_decreases_and_state_follows_the_due_date(start, today):
    assume(today >= start)
    clock = Clock(start=start)
    status = clock.status(today, CALENDAR, due_soon=3)
    later = clock.status(today + datetime.timedelta(days=1), CALENDAR, due_soon=3)
    assert later.elapsed >= status.elapsed
    assert status.elapsed + status.remaining == 20
    assert (status.state == "overdue") == (status.due_date is not None and today > status.due_date)
