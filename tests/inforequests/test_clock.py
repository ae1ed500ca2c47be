"""The clock of a request, read in one place (``inforequests.clock``): the state the database filters
on (the staff queue's ``state``) is the state Python reads (the API, the back office, the reminders),
for every state, on every database the tests run on."""

from __future__ import annotations

import datetime

import pytest

from sunshine.inforequests import clock
from sunshine.inforequests.codes import Status
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.queue_filters import STATES as QUEUE_STATES
from sunshine.inforequests.queue_filters import QueueFilter, filter_queue
from sunshine.workdays.calendar import current_calendar
from tests.backoffice import TODAY, fixed_today, paper_request

D = datetime.date
DAY = datetime.timedelta(days=1)


def requests_around_today(agency, limits: clock.Thresholds) -> dict[str, str]:
    """Requests in every status with due dates around ``limits.today``: tracking code -> what it is."""
    assert limits.due_soon_until is not None
    boundary = limits.due_soon_until
    running = {
        "overdue long ago": limits.today - 30 * DAY,
        "overdue yesterday": limits.today - DAY,
        "due today": limits.today,
        "due tomorrow": limits.today + DAY,
        "due on the last due-soon day": boundary,
        "due the day after the due-soon boundary": boundary + DAY,
        "due next month": limits.today + 30 * DAY,
    }
    cases: list[tuple[str, str, datetime.date | None, datetime.date | None]] = [
        (name, Status.RECEIVED, due, None) for name, due in running.items()
    ]
    cases += [
        ("received without a due date", Status.RECEIVED, None, None),
        ("awaiting receipt", Status.SUBMITTED, None, None),
        ("awaiting correction", Status.AWAITING_CORRECTION, None, None),
        ("in consultation, due date passed", Status.IN_CONSULTATION, limits.today - DAY, None),
        ("in consultation, due on the boundary", Status.IN_CONSULTATION, boundary, None),
        ("awaiting the fee, no due date", Status.AWAITING_FEE, None, None),
        ("awaiting the fee, noticed on the due date", Status.AWAITING_FEE, limits.today - DAY, None),
        ("replied late", Status.REPLIED, limits.today - 5 * DAY, limits.today - DAY),
        ("replied in time", Status.REPLIED, boundary, limits.today),
        ("withdrawn", Status.WITHDRAWN, limits.today + DAY, limits.today - DAY),
        ("closed before receipt", Status.CLOSED, None, limits.today - DAY),
    ]
    made: dict[str, str] = {}
    for name, status, due, concluded in cases:
        request = paper_request(agency, TODAY - 40 * DAY)
        InfoRequest.objects.filter(pk=request.pk).update(status=status, due_date=due, concluded_on=concluded)
        made[request.tracking_code] = name
    return made


def python_states(limits: clock.Thresholds) -> dict[str, str]:
    return {
        r.tracking_code: clock.state_of(r.status, r.due_date, limits)
        for r in InfoRequest.objects.order_by("pk")
    }


@pytest.fixture
def limits(tree) -> clock.Thresholds:
    with fixed_today():
        return clock.current_thresholds()


@pytest.fixture
def made(tree, limits) -> dict[str, str]:
    return requests_around_today(tree["education"], limits)


def test_the_set_of_requests_meets_every_state(made, limits):
    states = python_states(limits)
    assert set(states.values()) == set(clock.STATES)
    by_name = {made[code]: state for code, state in states.items()}
    assert by_name["due on the last due-soon day"] == "due_soon"
    assert by_name["due the day after the due-soon boundary"] == "on_time"
    assert by_name["due today"] == "due_soon"
    assert by_name["overdue yesterday"] == "overdue"


@pytest.mark.parametrize("state", clock.STATES)
def test_the_database_filter_and_python_agree_on_each_state(made, limits, state):
    in_python = {code for code, s in python_states(limits).items() if s == state}
    in_sql = set(
        InfoRequest.objects.filter(clock.state_filter(state, limits)).values_list("tracking_code", flat=True)
    )
    assert in_sql, f"no request is {state}"
    assert {made[c] for c in in_sql} == {made[c] for c in in_python}


def test_every_request_is_in_exactly_one_state_in_the_database(made, limits):
    seen: list[str] = []
    for state in clock.STATES:
        seen += InfoRequest.objects.filter(clock.state_filter(state, limits)).values_list(
            "tracking_code", flat=True
        )
    assert sorted(seen) == sorted(made)


@pytest.mark.parametrize("state", QUEUE_STATES)
def test_the_queue_lists_by_state_what_the_clock_reads(made, limits, state):
    with fixed_today():
        listed = filter_queue(InfoRequest.objects.all(), QueueFilter(state=state, open=False), user=None)
        codes = set(listed.values_list("tracking_code", flat=True))
    assert codes == {code for code, s in python_states(limits).items() if s == state}


def test_without_a_due_soon_threshold_no_running_clock_is_on_time(made, limits):
    unknown = clock.Thresholds(today=limits.today, due_soon_until=None)
    assert not InfoRequest.objects.filter(clock.state_filter("on_time", unknown)).exists()
    due_soon = set(
        InfoRequest.objects.filter(clock.state_filter("due_soon", unknown)).values_list(
            "tracking_code", flat=True
        )
    )
    assert due_soon == {code for code, s in python_states(unknown).items() if s == "due_soon"}
    assert "due next month" in {made[c] for c in due_soon}


def test_the_reading_of_a_request_gives_no_working_days_once_it_is_concluded(made, limits):
    calendar = current_calendar()
    for request in InfoRequest.objects.all():
        reading = clock.reading_of(request, limits, calendar)
        if request.concluded_on is not None:
            assert reading.remaining is None
        elif request.due_date is not None:
            assert reading.remaining == clock.remaining_working_days(request.due_date, limits.today, calendar)


def test_an_unknown_state_is_refused(limits):
    with pytest.raises(ValueError, match="late"):
        clock.state_filter("late", limits)
