"""Reads of the calendar for pages and the API. The calendar is public: no acting user needed."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from sunshine.workdays.calendar import published_years
from sunshine.workdays.days import provisional_table
from sunshine.workdays.models import CalendarCheck, CalendarDay, CalendarYear


def get_published_year(year: int, published: Collection[int] | None = None) -> CalendarYear:
    """The year's row; 404 unless the year is published (row and all its days stored).

    ``published``: the published years when the caller has them already (one query fewer)."""
    if year not in (published_years() if published is None else published):
        raise Http404(str(year))
    return CalendarYear.objects.get(year=year)


def estimated_days(year: int) -> list[CalendarDay]:
    """Every day of an unpublished year as estimated (docs/legal.md#provisional-years), unsaved rows."""
    table = provisional_table(year) or {}
    return [
        CalendarDay(date=day, is_workday=working, note=note) for day, (working, note) in sorted(table.items())
    ]


def special_days(first: datetime.date, last: datetime.date) -> list[CalendarDay]:
    """Days in [first, last] that differ from the ordinary week: weekday holidays, working weekends.

    Days of years not published come from the estimate (unsaved rows; ``is_default`` tells them apart
    in the same way)."""
    weekend = Q(date__week_day__in=[1, 7])  # Django's week_day: 1 is Sunday, 7 is Saturday
    days = CalendarDay.objects.filter(date__gte=first, date__lte=last)
    found = list(
        days.filter((weekend & Q(is_workday=True)) | (~weekend & Q(is_workday=False))).order_by("date")
    )
    published = set(published_years())
    for year in range(first.year, last.year + 1):
        if year not in published:
            found += [d for d in estimated_days(year) if first <= d.date <= last and not d.is_default]
    return sorted(found, key=lambda day: day.date)


def estimated_years(today: datetime.date, published: Collection[int] | None = None) -> list[int]:
    """This year and next, where not published: the years the calendar pages show as estimates."""
    known = published_years() if published is None else published
    return [year for year in (today.year, today.year + 1) if year not in known]


def next_year_missing(today: datetime.date, published: Collection[int] | None = None) -> int | None:
    """From 1 October, next year when its calendar is not published yet (the administrators' warning)."""
    if today.month < 10:
        return None
    year = today.year + 1
    return None if year in (published_years() if published is None else published) else year


def last_check() -> CalendarCheck | None:
    return CalendarCheck.objects.order_by("-checked_at").first()


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
    return spans_of(row.days.filter(is_workday=False).exclude(note="").order_by("date"))


def spans_of(days: Iterable[CalendarDay]) -> list[HolidaySpan]:
    """Named days off (in date order) grouped into runs, e.g. 春节 2026-02-15 – 2026-02-23."""
    spans: list[HolidaySpan] = []
    for day in days:
        if day.is_workday or not day.note:
            continue
        last = spans[-1] if spans else None
        if last and (day.date - last.last).days == 1:  # one break, maybe two festivals (国庆节、中秋节)
            name = last.name if day.note in last.name.split("、") else f"{last.name}、{day.note}"
            spans[-1] = HolidaySpan(name, last.first, day.date)
        else:
            spans.append(HolidaySpan(day.note, day.date, day.date))
    return spans


def makeup_days_of(row: CalendarYear) -> list[CalendarDay]:
    return [day for day in special_days_of(row) if day.is_workday]


def calendar_health() -> str:
    """For /healthz: "next_year_missing" when this year, or from 1 October next year, is not published."""
    from django.utils import timezone

    today = timezone.localdate()
    published = published_years()
    if today.year not in published or next_year_missing(today, published) is not None:
        return "next_year_missing"
    return "ok"
