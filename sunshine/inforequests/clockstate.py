"""The clock state of a request as the queue and the reminders show it, from its stored due date.

The due date is recomputed by every action (services.recompute_due); reading the state then needs
no pauses, only the calendar: one bisection per request, so a sweep over every open request is cheap.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sunshine.inforequests.codes import CONCLUDED_STATUSES, Status
from sunshine.workdays.clock import CalendarNotPublished, WorkCalendar, add_working_days


@dataclass(frozen=True)
class Thresholds:
    today: datetime.date
    due_soon_until: datetime.date | None  # the last due date that still counts as "due soon"


def thresholds(today: datetime.date, calendar: WorkCalendar, due_soon: int) -> Thresholds:
    try:
        until = add_working_days(today, due_soon, calendar) if due_soon > 0 else today
    except CalendarNotPublished:
        until = None
    return Thresholds(today=today, due_soon_until=until)


def state_of(status: str, due_date: datetime.date | None, limits: Thresholds) -> str:
    """on_time / due_soon / overdue / paused / awaiting_receipt / concluded."""
    if status in CONCLUDED_STATUSES:
        return "concluded"
    if status == Status.SUBMITTED:
        return "awaiting_receipt"
    if status in {Status.AWAITING_CORRECTION, Status.IN_CONSULTATION} or due_date is None:
        return "paused"
    if due_date < limits.today:
        return "overdue"
    if limits.due_soon_until is None or due_date <= limits.due_soon_until:
        return "due_soon"
    return "on_time"


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
