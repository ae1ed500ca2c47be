"""Public pages: the deadline calculator and the year pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.portal.calendar_forms import DeadlineForm
from sunshine.workdays import clock, selectors
from sunshine.workdays.calendar import current_calendar, not_published_message, published_years
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.models import CalendarDay, CalendarYear


@dataclass(frozen=True)
class DeadlineResult:
    start: datetime.date
    working_days: int
    due_date: datetime.date
    special_days: list[CalendarDay]
    provisional: bool = False


def deadline(request: HttpRequest) -> HttpResponse:
    bound = "start" in request.GET or "working_days" in request.GET
    form = DeadlineForm(request.GET if bound else None)
    result = None
    if bound and form.is_valid():
        start, n = form.cleaned_data["start"], form.cleaned_data["working_days"]
        try:
            due = clock.deadline(start, n, current_calendar())
        except CalendarNotPublished as exc:  # only outside the years that can be estimated
            form.add_error(None, not_published_message(exc.year))
        else:
            between = selectors.special_days(start + datetime.timedelta(days=1), due.date)
            result = DeadlineResult(start, n, due.date, between, due.provisional)
    context = {"form": form, "result": result, **_years_context()}
    return render(request, "portal/calendar/deadline.html", context)


def _years_context() -> dict[str, Any]:
    """The years the calendar pages link to: published, and this year and next as estimates."""
    published = published_years()
    return {"years": published, "estimated_years": selectors.estimated_years(timezone.localdate(), published)}


def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    years = _years_context()
    if year in years["estimated_years"]:
        # Not published yet: the estimate, shown as such (docs/legal.md#provisional-years).
        context = {
            "calendar_year": CalendarYear(year=year),
            "provisional": True,
            "last_check": selectors.last_check(),
            "holidays": selectors.spans_of(selectors.estimated_days(year)),
            "makeup_days": [],
            **years,
        }
        return render(request, "portal/calendar/year.html", context)
    row = selectors.get_published_year(year, years["years"])
    context = {
        "calendar_year": row,
        "holidays": selectors.holiday_spans(row),
        "makeup_days": selectors.makeup_days_of(row),
        **years,
    }
    return render(request, "portal/calendar/year.html", context)
