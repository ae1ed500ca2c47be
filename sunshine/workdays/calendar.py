"""The stored calendar as a ``WorkCalendar``, cached in the process and rebuilt when it changes."""

from __future__ import annotations

import threading
from datetime import datetime

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from sunshine.workdays.clock import WorkCalendar
from sunshine.workdays.days import dates_of
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
    return WorkCalendar(days.iterator(chunk_size=2000))


def current_calendar() -> WorkCalendar:
    """The working-day calendar of every published year (one cheap query when unchanged)."""
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
    """The refusal shown on pages and in the API (DESIGN.md: never guess a calendar)."""
    return _("The working-day calendar for %(year)s has not been published yet.") % {"year": year}
