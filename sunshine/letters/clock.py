"""The reply clock of a letter, on the one working-day clock (sunshine.workdays.clock).

- the period is the agency's own for the kind (``LetterPeriod``) or the site's default (``periods``);
- it counts from ``clock_start``: the day of receipt, or the day of the last transfer (the receiving
  agency's full period runs from it); that day itself is not counted;
- a request for information stops it: the working days after the request up to and including the day
  the answer arrives are not counted (pauses of the current period only);
- an extension adds its working days.

The due date is marked provisional where it rests on a year whose calendar is not published yet
(docs/legal.md#provisional-years), as for requests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.letters.codes import CONCLUDED_STATUSES, PAUSED_STATUSES
from sunshine.letters.models import Letter, LetterPeriod
from sunshine.letters.periods import MAX_EXTENSION, REPLY_PERIODS
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, Clock, WorkCalendar, add_working_days


def period_for(agency: Agency, kind: str) -> int:
    """The agency's reply period for ``kind``, in working days."""
    own = LetterPeriod.objects.filter(agency=agency, kind=kind).values_list("working_days", flat=True).first()
    return int(own) if own else REPLY_PERIODS[kind]


def clock_of(letter: Letter) -> Clock:
    pauses = [(p.started_on, p.ended_on) for p in letter.pauses.all() if p.started_on >= letter.clock_start]
    return Clock(
        start=letter.clock_start,
        limit=letter.period_working_days,
        pauses=pauses,
        extensions=[letter.extension_days] if letter.extension_days else [],
        max_extension=MAX_EXTENSION,
    )


def recompute_due(letter: Letter) -> None:
    """Store the due date and whether it is provisional; None while the clock is stopped.

    ``CalendarNotPublished`` for a year outside what can be estimated."""
    if letter.status in CONCLUDED_STATUSES:
        return  # the due date as it stood when the letter was concluded
    clock = clock_of(letter)
    calendar = current_calendar()
    letter.due_date = clock.due_date(calendar)
    letter.due_date_provisional = letter.due_date is not None and calendar.touches_provisional(
        clock.start, letter.due_date
    )


def online_receipt_day(submitted: datetime.date, calendar: WorkCalendar) -> datetime.date:
    """A letter sent online is received the day it is sent if that is a working day, else on the next
    working day (as requests, 条例 Art. 31 (三))."""
    if calendar.is_workday(submitted):
        return submitted
    return add_working_days(submitted, 1, calendar)


# --- The state of a stored due date, for the queue --------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    today: datetime.date
    due_soon_until: datetime.date | None


def current_thresholds(today: datetime.date | None = None) -> Thresholds:
    today = today or timezone.localdate()
    n = int(settings.SUNSHINE_DUE_SOON_WORKING_DAYS)
    try:
        until = add_working_days(today, n, current_calendar()) if n > 0 else today
    except CalendarNotPublished:
        until = None
    return Thresholds(today, until)


def state_of(status: str, due_date: datetime.date | None, limits: Thresholds) -> str:
    """on_time / due_soon / overdue / paused / concluded."""
    if status in CONCLUDED_STATUSES:
        return "concluded"
    if status in PAUSED_STATUSES or due_date is None:
        return "paused"
    if due_date < limits.today:
        return "overdue"
    if limits.due_soon_until is None or due_date <= limits.due_soon_until:
        return "due_soon"
    return "on_time"
