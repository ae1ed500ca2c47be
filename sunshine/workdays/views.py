"""Pages: the public deadline calculator and year pages, the back office's calendar desk."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import require_administrator
from sunshine.workdays import selectors, services
from sunshine.workdays.calendar import current_calendar, not_published_message, published_years
from sunshine.workdays.clock import CalendarNotPublished, add_working_days
from sunshine.workdays.forms import DeadlineForm, YearEntryForm, YearImportForm
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
        calendar = current_calendar()
        try:
            due = add_working_days(start, n, calendar)
        except CalendarNotPublished as exc:  # only outside the years that can be estimated
            form.add_error(None, not_published_message(exc.year))
        else:
            between = selectors.special_days(start + datetime.timedelta(days=1), due)
            result = DeadlineResult(start, n, due, between, calendar.touches_provisional(start, due))
    context = {"form": form, "result": result, **_years_context()}
    return render(request, "workdays/deadline.html", context)


def _years_context() -> dict[str, Any]:
    return {"years": published_years(), "estimated_years": selectors.estimated_years(timezone.localdate())}


def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    if year in selectors.estimated_years(timezone.localdate()):
        # Not published yet: the estimate, shown as such (docs/legal.md#provisional-years).
        context = {
            "calendar_year": CalendarYear(year=year),
            "provisional": True,
            "last_check": selectors.last_check(),
            "holidays": selectors.spans_of(selectors.estimated_days(year)),
            "makeup_days": [],
            **_years_context(),
        }
        return render(request, "workdays/year.html", context)
    row = selectors.get_published_year(year)
    context = {
        "calendar_year": row,
        "holidays": selectors.holiday_spans(row),
        "makeup_days": selectors.makeup_days_of(row),
        **_years_context(),
    }
    return render(request, "workdays/year.html", context)


@login_required
def staff_years(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    years = CalendarYear.objects.annotate(day_count=Count("days")).order_by("-year")
    today = timezone.localdate()
    context = {
        "years": years,
        "published": set(published_years()),
        "estimated_years": selectors.estimated_years(today),
        "next_year_missing": selectors.next_year_missing(today),
        "last_check": selectors.last_check(),
    }
    return render(request, "workdays/staff/year_list.html", context)


def _add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _notice(form: forms.Form) -> dict[str, Any]:
    keys = ("year", "notice_title", "notice_number", "notice_url", "replace")
    return {key: form.cleaned_data[key] for key in keys}


@login_required
def staff_enter_year(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    asked = request.GET.get("year", "")
    form = YearEntryForm(request.POST or None, initial={"year": int(asked)} if asked.isdigit() else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.enter_year(
                by=request.user, holidays=data["holidays"], makeup_days=data["makeup_days"], **_notice(form)
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The calendar for %(year)s is published.") % {"year": row.year})
            return redirect("workdays:staff_years")
    return render(request, "workdays/staff/year_form.html", {"form": form, "mode": "enter"})


@login_required
def staff_import_year(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    form = YearImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.import_year(
                by=request.user, content=form.cleaned_data["file"].read(), **_notice(form)
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The calendar for %(year)s is published.") % {"year": row.year})
            return redirect("workdays:staff_years")
    return render(request, "workdays/staff/year_form.html", {"form": form, "mode": "import"})
