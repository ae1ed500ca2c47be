"""The stored calendar as a ``WorkCalendar``, cached in the process and rebuilt when it changes."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from sunshine.workdays.clock import WorkCalendar
from sunshine.workdays.days import dates_of, provisional_days
from sunshine.workdays.models import CalendarDay, CalendarYear

Version = tuple[int, datetime | None]

_lock = threading.Lock()
_cached: tuple[Version, WorkCalendar] | None = None


def _version() -> Version:
    """Cheap fingerprint of the stored calendar: every publication saves its CalendarYear row."""
    row = CalendarYear.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return row["n"], row["last"]


def published_years() -> list[int]:
    """Years with a CalendarYear row and every one of their dates stored."""
    rows = CalendarYear.objects.annotate(n=Count("days")).values_list("year", "n")
    return sorted(year for year, n in rows if n == sum(1 for _ in dates_of(year)))


def _build() -> WorkCalendar:
    years = published_years()
    days = CalendarDay.objects.filter(calendar_year__year__in=years).values_list("date", "is_workday")
    return WorkCalendar(days.iterator(chunk_size=2000), provisional=provisional_days)


def current_calendar() -> WorkCalendar:
    """The working-day calendar of every published year (one cheap query when unchanged).

    A computation that reaches into another year gets that year's estimate
    (docs/legal.md#provisional-years): it never refuses. Callers mark dates with ``touches_provisional``.
    """
    global _cached
    version = _version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        calendar = _build()
        _cached = (version, calendar)
    return calendar


def not_published_message(year: int) -> str:
    """Shown for a year outside what can be estimated (before 2000 or after 2100)."""
    return _("The working-day calendar for %(year)s has not been published yet.") % {"year": year}


def provisional_note(years: Iterable[int]) -> str:
    """The one-line explanation beside a provisional (暂定) date."""
    listed = "、".join(str(y) for y in sorted(set(years)))
    return _(
        "Provisional: the State Council has not yet published the %(years)s holiday arrangement. "
        "The date will be confirmed when it is published."
    ) % {"years": listed}


def provisional_years_between(a: date, b: date) -> list[int]:
    """The provisional years a span from ``a`` to ``b`` touches, for the explanation beside a date.

    Read from the calendar this process built last, without the version query: a page marks many
    dates (the mark itself comes from the stored flag), and the explanation only names years.
    """
    cached = _cached
    calendar = cached[1] if cached is not None else current_calendar()
    return calendar.provisional_years_in(a, b)
