"""The public list of decided cases (办件公示) at ``/cases/results/``: filters agency, service and
period, 20 a page. A thin view over ``cases.results``, where the applicant is masked."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.cases import results
from sunshine.core.pagination import found_or_last
from sunshine.portal.search import agency_choices

FIELDS = ("agency", "service", "from", "to", "page")


def _agency(code: str, errors: dict[str, str]) -> Agency | None:
    if not code:
        return None
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        errors["agency"] = _("No agency has this code.")
    return agency


def _date(value: str, name: str, errors: dict[str, str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Enter a date as YYYY-MM-DD.")
        return None


def results_list(request: HttpRequest) -> HttpResponse:
    values = {name: request.GET.get(name, "").strip() for name in FIELDS}
    errors: dict[str, str] = {}
    agency = _agency(values["agency"], errors)
    since, until = _date(values["from"], "from", errors), _date(values["to"], "to", errors)
    if since and until and since > until:
        errors["to"] = _("The start date is after the end date.")
    if len(values["service"]) > 64:
        errors["service"] = _("No published service has this code.")
    found = None
    if not errors:
        found = found_or_last(
            lambda page: results.search(
                agency=agency, service=values["service"], since=since, until=until, page=page
            ),
            values["page"],
        )
    context: dict[str, Any] = {
        "values": values,
        "errors": errors,
        "found": found,
        "items": [results.result_data(case) for case in found.cases] if found else [],
        "agencies": agency_choices(),
    }
    return render(request, "portal/cases/results.html", context, status=400 if errors else 200)
