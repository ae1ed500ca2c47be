"""The public search page (/search/): published records by words and filters, or the newest ones.

The reading of the input and the search itself are ``records.public_search``, shared with the
public API; this view only gathers the choices of the form and renders. The agency and category
options of the form (a few hundred ``<option>``s) are rendered once per generation of public content
and language (``options_html``); the reader's choice is marked in the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from sunshine.agencies.selectors import public_agencies
from sunshine.portal import counts
from sunshine.portal.caching import always_fresh
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


def _options(choices: list[Choice]) -> str:
    return "".join(f'<option value="{escape(c.value)}">{escape(c.label)}</option>' for c in choices)


def options_html(name: str, choices: Callable[[], list[Choice]], value: str) -> SafeString:
    """The ``<option>``s of ``choices()`` (as ``_search_select.html`` writes them), rendered once per
    generation of public content and language, the one whose value is ``value`` selected."""
    html = counts.kept(f"search-options.{name}.{get_language()}", lambda: _options(choices()))
    if value:
        chosen = f'<option value="{escape(value)}">'
        html = html.replace(chosen, f'<option value="{escape(value)}" selected>', 1)
    return mark_safe(html)  # noqa: S308 - every value and label is escaped in _options


@always_fresh
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
        "agency_options": options_html("agency", agency_choices, values["agency"]),
        "category_options": options_html("category", category_choices, values["category"]),
        "genres": [Choice(value, str(label)) for value, label in Genre.choices],
        "validities": [Choice(value, str(label)) for value, label in Validity.choices],
        "filtered": any(
            values[name] for name in ("agency", "category", "genre", "date_from", "date_to", "validity")
        ),
    }
    return render(request, "portal/search.html", context, status=error.status if error else 200)
