"""The public search page (/search/): published records by words and filters, or the newest ones.

The reading of the input and the search itself are ``records.public_search``, shared with the
public API; this view only gathers the choices of the form and renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from sunshine.agencies.selectors import public_agencies
from sunshine.records import catalogue, public_search
from sunshine.records.codes import Genre, Validity


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def _english() -> bool:
    return (get_language() or "").startswith("en")


def agency_choices() -> list[Choice]:
    """Every public agency, in tree order, indented under the one above it."""
    agencies = public_agencies().order_by("path", "sort_order")
    return [Choice(a.code, "\u3000" * a.depth + a.display_name) for a in agencies]


def category_choices() -> list[Choice]:
    """The standard catalogue (shared by every agency), sub-categories indented."""
    english = _english()
    return [
        Choice(c.key, ("\u3000" if parent else "") + (c.name_en if english else c.name))
        for c, parent in catalogue.walk()
    ]


def search_page(request: HttpRequest) -> HttpResponse:
    values = {name: request.GET.get(name, "").strip() for name in public_search.PARAMETERS}
    # The form offers relevance unless the reader chose otherwise: words typed into a blank page are
    # then ranked by relevance (a listing without words is by date whatever the choice).
    values["order"] = values["order"] or "relevance"
    found = error = None
    try:
        found = public_search.find_records(public_search.parse_filters(request.GET))
    except public_search.FilterError as exc:
        error = exc
    context = {
        "values": values,
        "found": found,
        "error": error,
        "agencies": agency_choices(),
        "categories": category_choices(),
        "genres": [Choice(value, str(label)) for value, label in Genre.choices],
        "validities": [Choice(value, str(label)) for value, label in Validity.choices],
        "filtered": any(
            values[name] for name in ("agency", "category", "genre", "date_from", "date_to", "validity")
        ),
    }
    return render(request, "portal/search.html", context, status=error.status if error else 200)
