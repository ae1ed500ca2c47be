"""Timeliness of proactive disclosure (条例 Art. 26, docs/legal.md#proactive-publication): publish
within ``law.PUBLICATION_WORKING_DAYS`` working days of the day the information was formed or changed.

Pure functions over a ``WorkCalendar``. When the day falls into a year whose working-day calendar
is not published, the due date is unknown (None): it is shown as unknown, never guessed.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from sunshine.records.law import PUBLICATION_WORKING_DAYS
from sunshine.workdays.clock import CalendarNotPublished, Deadline, WorkCalendar, deadline


class Timeliness(StrEnum):
    RUNNING = "running"  # not published yet, due later
    DUE_SOON = "due_soon"  # not published yet, due within the warning threshold
    OVERDUE = "overdue"  # not published yet, past due
    ON_TIME = "on_time"  # published by the due date
    LATE = "late"  # published after the due date
    UNKNOWN = "unknown"  # no due date: no date of formation, or the calendar is not published


def deadline_start(
    revision_number: int, formation_date: datetime.date | None, started_on: datetime.date
) -> datetime.date | None:
    """The day the period runs from: formation of the document for the first revision (形成之日),
    the day the change was started for a later one (变更之日)."""
    if revision_number <= 1:
        return formation_date
    return started_on


def publication_due(start: datetime.date | None, calendar: WorkCalendar) -> Deadline | None:
    """The last day to publish (provisional where it rests on an unpublished year); the start day
    itself is not counted. None when unknown."""
    if start is None:
        return None
    try:
        return deadline(start, PUBLICATION_WORKING_DAYS, calendar)
    except CalendarNotPublished:
        return None


def timeliness_of(
    *,
    due_on: datetime.date | None,
    published_on: datetime.date | None,
    today: datetime.date,
    due_soon_until: datetime.date | None,
) -> Timeliness:
    """The state of one revision; ``due_soon_until`` is the last due date still "due soon" today
    (None when the calendar ahead is unknown: then every running deadline counts as due soon)."""
    if due_on is None:
        return Timeliness.UNKNOWN
    if published_on is not None:
        return Timeliness.ON_TIME if published_on <= due_on else Timeliness.LATE
    if today > due_on:
        return Timeliness.OVERDUE
    if due_soon_until is None or due_on <= due_soon_until:
        return Timeliness.DUE_SOON
    return Timeliness.RUNNING
