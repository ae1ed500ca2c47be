"""The decision clock of a case, on the one working-day clock (sunshine.workdays.clock).

- it counts from ``accepted_on`` (the day the complete materials arrived), that day not counted;
- the decision is due on the ``statutory_days``-th working day; the promised date likewise with
  ``promised_days``;
- the working days after a ``suspend`` up to and including its ``resume`` are not counted
  (行政许可法 Art. 45); while a suspension is open the dates are unknown (None);
- an extension (once, at most 10 working days, Art. 42) adds its working days to both.

``warning`` is computed from today and never stored: ``red`` once the promised period has run out,
``yellow`` once the share ``SUNSHINE_CASE_YELLOW_SHARE`` (default 80 %) of the promised working days
is used or at most one working day is left, ``none`` otherwise and for cases without a running clock.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from sunshine.cases.codes import CLOCK_RUNNING, CONCLUDED, MAX_EXTENSION, Warning
from sunshine.cases.models import Case
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import Clock, WorkCalendar


def _clock(case: Case, days: int) -> Clock | None:
    """The clock of a period of ``days`` working days; None before acceptance. A period of 0 days
    (即办件) is a clock of one day that ends on the day of acceptance: see ``_due``."""
    if case.accepted_on is None:
        return None
    pauses = [(p.started_on, p.ended_on) for p in case.pauses.all()]
    return Clock(
        start=case.accepted_on,
        limit=max(days, 1),
        pauses=pauses,
        extensions=[case.extension_days] if case.extension_days else [],
        max_extension=MAX_EXTENSION,
    )


def _due(case: Case, days: int, calendar: WorkCalendar) -> datetime.date | None:
    clock = _clock(case, days)
    if clock is None:
        return None
    if days == 0 and not case.extension_days:
        return None if clock.is_paused else case.accepted_on
    return clock.due_date(calendar)


def recompute_dates(case: Case) -> None:
    """Store the decision due date, the promised date and whether they rest on a provisional year.
    Concluded cases keep the dates they had."""
    if case.status in CONCLUDED:
        return
    calendar = current_calendar()
    case.due_date = _due(case, case.statutory_days, calendar)
    case.promised_date = _due(case, case.promised_days, calendar)
    case.due_date_provisional = (
        case.accepted_on is not None
        and case.due_date is not None
        and calendar.touches_provisional(case.accepted_on, case.due_date)
    )


def warning(case: Case, today: datetime.date | None = None) -> str:
    """``none``, ``yellow`` or ``red`` for the promised period as of ``today``."""
    if case.status not in CLOCK_RUNNING:
        return Warning.NONE
    clock = _clock(case, case.promised_days)
    if clock is None:
        return Warning.NONE
    today = today or timezone.localdate()
    calendar = current_calendar()
    total = case.promised_days + case.extension_days
    elapsed = clock.elapsed(today, calendar)
    if elapsed > total:
        return Warning.RED
    share = float(settings.SUNSHINE_CASE_YELLOW_SHARE)
    if total - elapsed <= 1 or elapsed >= share * total:
        return Warning.YELLOW
    return Warning.NONE
