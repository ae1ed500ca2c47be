"""The back office's calendar desk under /staff/calendar/: the stored years, a year entered from the
notice or imported from a CSV file (administrators only). URL names: ``workdays:staff_*``."""

from __future__ import annotations

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
from sunshine.backoffice.calendar.forms import YearEntryForm, YearImportForm
from sunshine.workdays import selectors, services
from sunshine.workdays.calendar import published_years
from sunshine.workdays.models import CalendarYear


@login_required
def staff_years(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    years = CalendarYear.objects.annotate(day_count=Count("days")).order_by("-year")
    today = timezone.localdate()
    published = set(published_years())
    context = {
        "years": years,
        "published": published,
        "estimated_years": selectors.estimated_years(today, published),
        "next_year_missing": selectors.next_year_missing(today, published),
        "last_check": selectors.last_check(),
    }
    return render(request, "backoffice/calendar/year_list.html", context)


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
    return render(request, "backoffice/calendar/year_form.html", {"form": form, "mode": "enter"})


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
    return render(request, "backoffice/calendar/year_form.html", {"form": form, "mode": "import"})
