"""The reply clock of a request (依申请公开), read in one place.

- ``clock_of`` builds the pure ``Clock`` (sunshine.workdays.clock) from the request's pauses, fee
  pause and extension; ``recompute_due`` stores its due date and whether it rests on a provisional
  year (docs/legal.md#provisional-years). Every action recomputes it (services).
- Reading the state then needs no pauses, only the calendar: ``thresholds`` (one bisection a day),
  ``state_of`` a stored due date and ``remaining_working_days``, so a sweep over every open
  request is cheap (the reminders, the queue, the API, the back office).
- ``state_filter`` is the same state as a queryset filter (the staff queue's ``state``), written
  beside ``state_of`` so that the database and Python answer alike.
- ``reading_of`` and ``summary_of``: the state and working days left of one request, and the
  clock summary of its page; the back office only labels them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from sunshine.inforequests.codes import CONCLUDED_STATUSES, PAUSED_STATUSES, Status
from sunshine.inforequests.law import MAX_EXTENSION_WORKING_DAYS, REPLY_WORKING_DAYS
from sunshine.inforequests.models import InfoRequest
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, Clock, WorkCalendar, add_working_days

# The states of a request's clock, as the API, the queue and the reminders name them.
STATES = ("on_time", "due_soon", "overdue", "paused", "awaiting_receipt", "concluded")

# --- The clock and the stored due date ------------------------------------------------------------


def clock_of(request: InfoRequest) -> Clock | None:
    """The reply clock of a request: None before receipt and while awaiting correction."""
    if request.clock_start is None or request.status in {Status.SUBMITTED, Status.AWAITING_CORRECTION}:
        return None
    pauses = [(p.started_on, p.ended_on) for p in request.pauses.all() if p.started_on >= request.clock_start]
    fee_pause = fee_pause_of(request)
    if fee_pause is not None:
        pauses.append(fee_pause)
    extensions = [request.extension_days] if request.extension_days else []
    return Clock(
        start=request.clock_start,
        limit=REPLY_WORKING_DAYS,
        pauses=pauses,
        extensions=extensions,
        max_extension=MAX_EXTENSION_WORKING_DAYS,
    )


def fee_pause_of(request: InfoRequest) -> tuple[datetime.date, datetime.date | None] | None:
    """The span during which a fee notice stops the reply period: notice to payment (open while unpaid).

    A fee left unpaid closes the request (``fee_unpaid``), so the span stays open to the end.
    """
    if request.fee_notified_on is None or request.clock_start is None:
        return None
    if request.fee_notified_on < request.clock_start:
        return None
    return (request.fee_notified_on, request.fee_paid_on)


def recompute_due(request: InfoRequest) -> None:
    """Store the due date, and whether it rests on a provisional year (docs/legal.md#provisional-years).

    ``CalendarNotPublished`` for a year outside what can be estimated (the services answer it as
    ``calendar_not_published``).
    """
    if request.status in CONCLUDED_STATUSES:
        return  # the due date as it stood when the request was concluded
    clock = clock_of(request)
    calendar = current_calendar()
    request.due_date = clock.due_date(calendar) if clock is not None else None
    request.due_date_provisional = (
        clock is not None
        and request.due_date is not None
        and calendar.touches_provisional(clock.start, request.due_date)
    )


def correction_period_of(request: InfoRequest) -> int | None:
    """The working days the correction notice gave the applicant (from its history entry)."""
    event = request.events.filter(action="request_correction").order_by("-date", "-id").first()
    period = (event.data or {}).get("period_working_days") if event is not None else None
    return period if isinstance(period, int) else None


# --- The state of a stored due date ---------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    today: datetime.date
    due_soon_until: datetime.date | None  # the last due date that still counts as "due soon"


def due_soon_working_days() -> int:
    """Working days before a due date at which it is "due soon" (SUNSHINE_DUE_SOON_WORKING_DAYS)."""
    return int(settings.SUNSHINE_DUE_SOON_WORKING_DAYS)


def thresholds(today: datetime.date, calendar: WorkCalendar, due_soon: int) -> Thresholds:
    try:
        until = add_working_days(today, due_soon, calendar) if due_soon > 0 else today
    except CalendarNotPublished:
        until = None
    return Thresholds(today=today, due_soon_until=until)


def current_thresholds(
    today: datetime.date | None = None, calendar: WorkCalendar | None = None, *, due_soon: int | None = None
) -> Thresholds:
    """The thresholds of ``today`` (the local date by default) on the current calendar, due soon as
    configured unless ``due_soon`` says otherwise."""
    return thresholds(
        today or timezone.localdate(),
        calendar or current_calendar(),
        due_soon_working_days() if due_soon is None else due_soon,
    )


# Statuses in which the reply period runs against a due date: neither awaiting receipt, nor
# paused (correction, consultation, fee), nor concluded.
_NOT_RUNNING = frozenset({Status.SUBMITTED, *PAUSED_STATUSES, *CONCLUDED_STATUSES})


def state_of(status: str, due_date: datetime.date | None, limits: Thresholds) -> str:
    """on_time / due_soon / overdue / paused / awaiting_receipt / concluded.

    Keep in step with ``state_filter`` below (tests/inforequests/test_clock.py holds them together).
    """
    if status in CONCLUDED_STATUSES:
        return "concluded"
    if status == Status.SUBMITTED:
        return "awaiting_receipt"
    if status in PAUSED_STATUSES or due_date is None:
        return "paused"
    if due_date < limits.today:
        return "overdue"
    if limits.due_soon_until is None or due_date <= limits.due_soon_until:
        return "due_soon"
    return "on_time"


def state_filter(state: str, limits: Thresholds) -> Q:
    """The requests whose ``state_of`` is ``state``, as a filter of ``InfoRequest`` querysets."""
    if state == "concluded":
        return Q(status__in=CONCLUDED_STATUSES)
    if state == "awaiting_receipt":
        return Q(status=Status.SUBMITTED)
    running = ~Q(status__in=_NOT_RUNNING)
    if state == "paused":
        return Q(status__in=PAUSED_STATUSES) | (running & Q(due_date__isnull=True))
    running &= Q(due_date__isnull=False)
    if state == "overdue":
        return running & Q(due_date__lt=limits.today)
    if state == "due_soon":
        running &= Q(due_date__gte=limits.today)
        if limits.due_soon_until is not None:
            running &= Q(due_date__lte=limits.due_soon_until)
        return running
    if state == "on_time":
        if limits.due_soon_until is None:
            return Q(pk__in=[])  # without the threshold every running clock counts as due soon
        return running & Q(due_date__gt=limits.due_soon_until)
    raise ValueError(state)


def remaining_working_days(
    due_date: datetime.date | None, today: datetime.date, calendar: WorkCalendar
) -> int | None:
    """Working days left until the due date (negative: working days overdue); None when unknown."""
    if due_date is None:
        return None
    try:
        if due_date >= today:
            return calendar.count(today, due_date)
        return -calendar.count(due_date, today)
    except CalendarNotPublished:
        return None


# --- One request's clock as it reads today --------------------------------------------------------


@dataclass(frozen=True)
class ClockReading:
    state: str
    remaining: int | None  # working days left; negative when overdue; None when unknown or concluded

    @property
    def overdue_days(self) -> int | None:
        return -self.remaining if self.remaining is not None and self.remaining < 0 else None


def reading_of(request: InfoRequest, limits: Thresholds, calendar: WorkCalendar) -> ClockReading:
    """The state of ``request`` and its working days left (none once concluded)."""
    remaining = (
        remaining_working_days(request.due_date, limits.today, calendar)
        if request.concluded_on is None
        else None
    )
    return ClockReading(state_of(request.status, request.due_date, limits), remaining)


@dataclass(frozen=True)
class ClockSummary(ClockReading):
    paused_working_days: int | None  # None when the calendar cannot count them
    open_pause: bool


def summary_of(request: InfoRequest, today: datetime.date, calendar: WorkCalendar) -> ClockSummary:
    """The reading of ``request`` with the working days its pauses of the current period took."""
    reading = reading_of(request, current_thresholds(today, calendar), calendar)
    paused: int | None = 0
    open_pause = False
    for pause in request.pauses.all():
        if request.clock_start is None or pause.started_on < request.clock_start:
            continue  # before the current period (clock_of counts the same pauses)
        open_pause = open_pause or pause.ended_on is None
        end = pause.ended_on or today
        try:
            paused = None if paused is None else paused + max(calendar.count(pause.started_on, end), 0)
        except CalendarNotPublished:
            paused = None
    return ClockSummary(reading.state, reading.remaining, paused, open_pause)
