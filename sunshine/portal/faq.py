"""The public pages of common questions: ``/faq/`` (search and list) and ``/faq/<id>/`` (one)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import public_agencies
from sunshine.core.pagination import found_or_last
from sunshine.faq import search, selectors
from sunshine.portal.search import agency_choices


def faq_search(request: HttpRequest) -> HttpResponse:
    values = {name: request.GET.get(name, "").strip() for name in ("q", "agency", "page")}
    errors: dict[str, str] = {}
    q = " ".join(values["q"].split())
    if len(q) > search.MAX_QUERY_LENGTH:
        errors["q"] = _("The search text is too long: at most %(limit)d characters.") % {
            "limit": search.MAX_QUERY_LENGTH
        }
    agency = None
    if values["agency"]:
        agency = public_agencies().filter(code=values["agency"]).first()
        if agency is None:
            errors["agency"] = _("No agency has this code.")
    found = None
    if not errors:
        found = found_or_last(lambda page: search.find(q=q, agency=agency, page=page), values["page"])
    context = {"values": values, "errors": errors, "found": found, "agencies": agency_choices()}
    return render(request, "portal/faq/search.html", context, status=400 if errors else 200)


def faq_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.get_public_entry(entry_id)
    return render(request, "portal/faq/detail.html", {"entry": entry})
