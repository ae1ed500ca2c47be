"""The red mark (红色标记): a letter still open three calendar months after the day it was received
(docs/letters.md#the-red-mark). The national norms for government websites count a valid message left
unanswered for three months as a veto item; the mark shows staff the letters that are there.

It is computed from ``received_on`` (an indexed column) and today, never stored, so it cannot go
stale: a letter is red from the day three calendar months after its receipt — the same day of the
month, or the month's last day where that month is shorter (received on 30 November: red from
28 February, or 29 in a leap year) — for as long as its status is open.
"""

from __future__ import annotations

import calendar
import datetime

from django.db.models import QuerySet

from sunshine.letters.codes import OPEN_STATUSES
from sunshine.letters.models import Letter

RED_MARK_MONTHS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (or earlier), the month's last day if shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def red_from(received_on: datetime.date) -> datetime.date:
    """The first day a letter received on ``received_on`` is red if still open."""
    return add_months(received_on, RED_MARK_MONTHS)


def latest_red_receipt(today: datetime.date) -> datetime.date:
    """The last day of receipt that makes an open letter red ``today``: every letter received on it or
    before is red; the filter is one range on the indexed ``received_on``."""
    day = add_months(today, -RED_MARK_MONTHS)
    while red_from(day + datetime.timedelta(days=1)) <= today:  # month ends: at most three steps
        day += datetime.timedelta(days=1)
    return day


def is_red(status: str, received_on: datetime.date, today: datetime.date) -> bool:
    return status in OPEN_STATUSES and red_from(received_on) <= today


def only_red(letters: QuerySet[Letter], today: datetime.date) -> QuerySet[Letter]:
    return letters.filter(status__in=OPEN_STATUSES, received_on__lte=latest_red_receipt(today))
