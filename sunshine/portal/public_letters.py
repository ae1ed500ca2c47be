"""The public pages of letters: the published letters (``/letters/``, one at
``/letters/<tracking_code>/``) and their figures (``/letters/statistics/``). Thin views over
``letters.public`` and ``letters.statistics``; personal data is masked there."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.core.pagination import found_or_last
from sunshine.letters import public, statistics
from sunshine.letters.codes import Kind, Rating
from sunshine.letters.models import Letter
from sunshine.letters.public_api import period_of
from sunshine.portal.search import agency_choices


def _agency(code: str, errors: dict[str, str]) -> Agency | None:
    if not code:
        return None
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        errors["agency"] = _("No agency has this code.")
    return agency


def public_list(request: HttpRequest) -> HttpResponse:
    """Published letters with their replies: filters agency, kind and words; 20 a page."""
    values = {name: request.GET.get(name, "").strip() for name in ("q", "agency", "kind", "page")}
    errors: dict[str, str] = {}
    q = " ".join(values["q"].split())
    if len(q) > public.MAX_QUERY_LENGTH:
        errors["q"] = _("The search text is too long: at most %(limit)d characters.") % {
            "limit": public.MAX_QUERY_LENGTH
        }
    agency = _agency(values["agency"], errors)
    if values["kind"] and values["kind"] not in Kind.values:
        errors["kind"] = _("Choose the kind of letter.")
    found = None
    if not errors:
        found = found_or_last(
            lambda page: public.search(q=q, agency=agency, kind=values["kind"], page=page), values["page"]
        )
    context: dict[str, Any] = {
        "values": values,
        "errors": errors,
        "found": found,
        "items": [public.public_data(letter) for letter in found.letters] if found else [],
        "agencies": agency_choices(),
        "kinds": Kind.choices,
    }
    return render(request, "portal/letters/public_list.html", context, status=400 if errors else 200)


def public_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    try:
        letter = public.get_public_letter(tracking_code)
    except Letter.DoesNotExist as exc:
        raise Http404(tracking_code) from exc
    return render(request, "portal/letters/public_detail.html", {"item": public.public_data(letter)})


def _date(value: str, name: str, errors: dict[str, str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Enter a date as YYYY-MM-DD.")
        return None


def statistics_page(request: HttpRequest) -> HttpResponse:
    """The figures of letters received in a period, by agency (and those below it)."""
    values = {name: request.GET.get(name, "").strip() for name in ("agency", "from", "to")}
    errors: dict[str, str] = {}
    agency = _agency(values["agency"], errors)
    start, end, period_errors = period_of(
        _date(values["from"], "from", errors), _date(values["to"], "to", errors)
    )
    errors.update(period_errors)
    figures = None if errors else statistics.figures(agency=agency, date_from=start, date_to=end)
    ratings = (
        [(label, figures.ratings.get(code, 0)) for code, label in Rating.choices]
        if figures is not None
        else []
    )
    context: dict[str, Any] = {
        "values": values,
        "errors": errors,
        "figures": figures,
        "ratings": ratings,
        "date_from": start,
        "date_to": end,
        "agencies": agency_choices(),
    }
    return render(request, "portal/letters/statistics.html", context, status=400 if errors else 200)
