"""Months as oversight counts them: ``YYYY-MM``, from the first day 00:00 to the next month's first
day 00:00, in the site's time zone."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    first: datetime.date  # the first day of the month

    @property
    def last(self) -> datetime.date:
        return self.next_first - datetime.timedelta(days=1)

    @property
    def next_first(self) -> datetime.date:
        if self.first.month == 12:
            return datetime.date(self.first.year + 1, 1, 1)
        return datetime.date(self.first.year, self.first.month + 1, 1)

    @property
    def start(self) -> datetime.datetime:
        """The month's first moment (aware)."""
        return _midnight(self.first)

    @property
    def end(self) -> datetime.datetime:
        """The next month's first moment (aware): the month is ``start <= t < end``."""
        return _midnight(self.next_first)

    def __str__(self) -> str:
        return f"{self.first:%Y-%m}"


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def parse_period(text: str) -> Period | None:
    """``2026-11`` as a Period; None when it is not a month."""
    found = _MONTH.match(text.strip())
    if found is None:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or year < 2000:
        return None
    return Period(datetime.date(year, month, 1))


def period_of(day: datetime.date) -> Period:
    return Period(day.replace(day=1))


def current_period() -> Period:
    return period_of(timezone.localdate())
