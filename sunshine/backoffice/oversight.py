"""Back office pages of oversight (监督考核, docs/oversight.md), under /staff/oversight/: the agencies
of the person's tree × the indicators for a month, and the rows behind one figure with the rule that
made it. Thin views: the rules are the oversight app's."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sunshine.core.pagination import window
from sunshine.oversight import selectors
from sunshine.oversight.indicators import INDICATORS, get_indicator
from sunshine.oversight.periods import Period, current_period, parse_period

PAGE_SIZE = 50


def _overseer(request: HttpRequest) -> None:
    if not selectors.may_oversee_any(request.user):
        raise PermissionDenied


def _month(text: str) -> Period:
    period = parse_period(text) if text else current_period()
    if period is None or period.first > current_period().first:
        raise Http404(text)
    return period


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _overseer(request)
    period = _month(request.GET.get("period", ""))
    agencies = selectors.overseen_agencies(request.user).order_by("path")
    page = window(request.GET.get("page"), agencies.count(), PAGE_SIZE)
    shown = list(agencies[page.rows])
    found = selectors.figures(shown, period)
    context: dict[str, Any] = {
        "period": period,
        "indicators": list(INDICATORS.values()),
        "rows": [(agency, found.get(agency.pk, [])) for agency in shown],
        "count": page.count,
        "page": page.page,
        "next": page.next,
        "previous": page.previous,
    }
    return render(request, "backoffice/oversight/overview.html", context)


@login_required
def rows(request: HttpRequest, code: str, period: str, indicator: str) -> HttpResponse:
    _overseer(request)
    agency = selectors.get_overseen_agency(request.user, code)
    month = _month(period)
    definition = get_indicator(indicator)
    if definition is None:
        raise Http404(indicator)
    figure = next(f for f in selectors.figures([agency], month)[agency.pk] if f.indicator.code == indicator)
    found = definition.rows(agency, month)
    page = window(request.GET.get("page"), found.count(), PAGE_SIZE)
    shown = list(found[page.rows])
    context = {
        "agency": agency,
        "period": month,
        "indicator": definition,
        "figure": figure,
        "rows": [
            (row, definition.link(row), [(c.label, c.value(row)) for c in definition.columns])
            for row in shown
        ],
        "count": page.count,
        "page": page.page,
        "next": page.next,
        "previous": page.previous,
    }
    return render(request, "backoffice/oversight/rows.html", context)
