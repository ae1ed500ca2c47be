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


# --- Spans of months: what a ranking covers -------------------------------------------------------

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Span:
    """A month (``2026-11``), a quarter (``2026-Q4``) or a year (``2026``): the months a ranking adds
    up."""

    label: str
    months: tuple[Period, ...]

    @property
    def kind(self) -> str:
        return {1: "month", 3: "quarter"}.get(len(self.months), "year")

    @property
    def first(self) -> datetime.date:
        return self.months[0].first

    @property
    def last(self) -> datetime.date:
        return self.months[-1].last

    def __str__(self) -> str:
        return self.label


def parse_span(text: str) -> Span | None:
    """``2026-11``, ``2026-Q4`` or ``2026`` as a Span; None when it is none of them."""
    text = text.strip().upper()
    month = parse_period(text)
    if month is not None:
        return Span(str(month), (month,))
    quarter = _QUARTER.match(text)
    if quarter is not None:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        if year < 2000:
            return None
        months = tuple(Period(datetime.date(year, 3 * (number - 1) + m, 1)) for m in (1, 2, 3))
        return Span(f"{year}-Q{number}", months)
    whole = _YEAR.match(text)
    if whole is not None and int(whole.group(1)) >= 2000:
        year = int(whole.group(1))
        return Span(str(year), tuple(Period(datetime.date(year, m, 1)) for m in range(1, 13)))
    return None


def span_is_open(span: Span) -> bool:
    """True when the span has begun (its first month is not after the running one)."""
    return span.first <= current_period().first


def spans_of(month: Period) -> list[Span]:
    """The month, its quarter and its year, as spans."""
    quarter = (month.first.month - 1) // 3 + 1
    found = [
        parse_span(str(month)),
        parse_span(f"{month.first.year}-Q{quarter}"),
        parse_span(str(month.first.year)),
    ]
    return [span for span in found if span is not None]
