"""Reads of the calendar for pages and the API. The calendar is public: no acting user needed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from sunshine.workdays.calendar import published_years
from sunshine.workdays.models import CalendarDay, CalendarYear


def get_published_year(year: int) -> CalendarYear:
    """The year's row; 404 unless the year is published (row and all its days stored)."""
    if year not in published_years():
        raise Http404(str(year))
    return CalendarYear.objects.get(year=year)


def special_days(first: datetime.date, last: datetime.date) -> list[CalendarDay]:
    """Days in [first, last] that differ from the ordinary week: weekday holidays, working weekends."""
    weekend = Q(date__week_day__in=[1, 7])  # Django's week_day: 1 is Sunday, 7 is Saturday
    days = CalendarDay.objects.filter(date__gte=first, date__lte=last)
    return list(
        days.filter((weekend & Q(is_workday=True)) | (~weekend & Q(is_workday=False))).order_by("date")
    )


def special_days_of(row: CalendarYear) -> list[CalendarDay]:
    return special_days(datetime.date(row.year, 1, 1), datetime.date(row.year, 12, 31))


@dataclass(frozen=True)
class HolidaySpan:
    """Consecutive days off with one name, e.g. 春节 2026-02-15 – 2026-02-23 (9 days)."""

    name: str
    first: datetime.date
    last: datetime.date

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1


def holiday_spans(row: CalendarYear) -> list[HolidaySpan]:
    """The year's named days off, grouped into runs (weekend days of a break included)."""
    spans: list[HolidaySpan] = []
    for day in row.days.filter(is_workday=False).exclude(note="").order_by("date"):
        last = spans[-1] if spans else None
        if last and (day.date - last.last).days == 1:  # one break, maybe two festivals (国庆节、中秋节)
            name = last.name if day.note in last.name.split("、") else f"{last.name}、{day.note}"
            spans[-1] = HolidaySpan(name, last.first, day.date)
        else:
            spans.append(HolidaySpan(day.note, day.date, day.date))
    return spans


def makeup_days_of(row: CalendarYear) -> list[CalendarDay]:
    return [day for day in special_days_of(row) if day.is_workday]
