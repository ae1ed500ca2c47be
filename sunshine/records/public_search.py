"""Finding published records: one reading of the filters and one answer for the public search page
and the public API, so that both find the same records and refuse the same input.

With words (``q``) the search index answers (ranked or newest first, with highlighted snippets);
without, ``published_records()`` is listed newest first. Every hit of the index is read back through
``published_records()``: the index is derived data, and a record that is not public is never shown,
even if an index entry were left behind.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.core.pagination import MAX_PAGE
from sunshine.records import indexing
from sunshine.records.codes import Genre, Validity
from sunshine.records.models import Category, Revision
from sunshine.records.selectors import published_records
from sunshine.search import services as search
from sunshine.search.documents import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SearchQuery, SearchQueryError

Order = Literal["relevance", "date"]
PARAMETERS = (
    "q",
    "agency",
    "category",
    "genre",
    "date_from",
    "date_to",
    "validity",
    "order",
    "page",
    "page_size",
)
DEFAULT_PAGE_SIZE = 20

# The field of the input that a search error is about (for the message next to it).
_SEARCH_ERROR_FIELDS = {
    "query_too_long": "q",
    "empty_query": "q",
    "bad_order": "order",
    "bad_page_size": "page_size",
    "bad_page": "page",
    "bad_agency": "agency",
    "bad_date_range": "date_to",
}


class FilterError(ValueError):
    """Input that cannot be searched: ``fields`` maps each parameter to its translated message."""

    def __init__(self, code: str, fields: dict[str, str], status: int = 400) -> None:
        self.code, self.fields, self.status = code, fields, status
        self.message = next(iter(fields.values()))
        super().__init__(self.message)


@dataclass(frozen=True)
class RecordFilters:
    q: str = ""
    agency: Agency | None = None
    category: str = ""
    genre: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    validity: str = ""
    order: Order = "date"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def parse_filters(params: Mapping[str, str | None]) -> RecordFilters:
    """Read the search input (query string values); raises ``FilterError`` naming every bad one."""
    raw = {name: (params.get(name) or "").strip() for name in PARAMETERS}
    errors: dict[str, tuple[str, str]] = {}  # parameter -> (code, message)

    q = " ".join(raw["q"].split())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = (
            "query_too_long",
            _("The search text is too long: at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH},
        )
    agency = None
    if raw["agency"]:
        agency = public_agencies().filter(code=raw["agency"]).first()
        if agency is None:
            errors["agency"] = ("unknown_agency", _("No agency has this code."))
    if raw["category"] and not Category.objects.filter(key=raw["category"]).exists():
        errors["category"] = ("unknown_category", _("No catalogue category has this key."))
    for name, choices in (("genre", Genre), ("validity", Validity)):
        if raw[name] and raw[name] not in choices.values:
            errors[name] = (
                f"bad_{name}",
                _("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)},
            )
    dates: dict[str, datetime.date | None] = {"date_from": None, "date_to": None}
    for name in dates:
        if raw[name]:
            try:
                dates[name] = _date(raw[name])
            except ValueError:
                errors[name] = ("bad_date", _("Enter a real date as YYYY-MM-DD."))
    if dates["date_from"] and dates["date_to"] and dates["date_from"] > dates["date_to"]:
        errors["date_to"] = ("bad_date_range", _("The start date is after the end date."))
    order = raw["order"] or ("relevance" if q else "date")
    if order not in ("relevance", "date"):
        errors["order"] = ("bad_order", _("Results can be ordered by relevance or by date only."))
    numbers = {"page": 1, "page_size": DEFAULT_PAGE_SIZE}
    for name, low, high in (("page", 1, MAX_PAGE), ("page_size", 1, MAX_PAGE_SIZE)):
        if not raw[name]:
            continue
        if not raw[name].isdecimal():
            errors[name] = (f"bad_{name}", _("Enter a whole number."))
            continue
        numbers[name] = int(raw[name])
        if numbers[name] < low:
            errors[name] = (f"bad_{name}", _("Enter a value of at least %(n)s.") % {"n": low})
        elif numbers[name] > high:
            errors[name] = (f"bad_{name}", _("Enter a value of at most %(n)s.") % {"n": high})
    if errors:
        code = next(iter(errors.values()))[0]
        raise FilterError(code, {name: message for name, (_code, message) in errors.items()})
    return RecordFilters(
        q=q,
        agency=agency,
        category=raw["category"],
        genre=raw["genre"],
        date_from=dates["date_from"],
        date_to=dates["date_to"],
        validity=raw["validity"],
        order="relevance" if order == "relevance" else "date",
        page=numbers["page"],
        page_size=numbers["page_size"],
    )


@dataclass(frozen=True)
class Result:
    revision: Revision
    url: str
    published_on: datetime.date
    title_html: SafeString  # escaped; with words, the matched ones in <mark>
    snippet_html: SafeString | None  # with words only: a passage of the text, escaped, matches in <mark>


@dataclass(frozen=True)
class ResultPage:
    filters: RecordFilters
    count: int  # with words, counted up to the search's limit (then ``count_is_exact`` is False)
    page: int
    page_size: int
    results: list[Result] = field(default_factory=list)
    count_is_exact: bool = True

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _out_of_range(pages: int) -> FilterError:
    return FilterError(
        "page_out_of_range",
        {"page": _("There is no such page: the results end on page %(pages)d.") % {"pages": pages}},
        status=404,
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_records(filters: RecordFilters) -> QuerySet[Revision]:
    """Published records matching the filters (not the words), newest publication first."""
    revisions = published_records()
    if filters.agency is not None:
        revisions = revisions.filter(record__agency__path__startswith=filters.agency.path)
    if filters.category:
        revisions = revisions.filter(category__key=filters.category)
    if filters.genre:
        revisions = revisions.filter(genre=filters.genre)
    if filters.validity:
        revisions = revisions.filter(record__validity=filters.validity)
    if filters.date_from:
        revisions = revisions.filter(record__first_published_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        end = _start_of(filters.date_to + datetime.timedelta(days=1))
        revisions = revisions.filter(record__first_published_at__lt=end)
    return revisions.order_by("-record__first_published_at", "-pk")


def _listed(filters: RecordFilters) -> ResultPage:
    revisions = filtered_records(filters)
    count = revisions.count()
    found = ResultPage(filters, count, filters.page, filters.page_size)
    if filters.page > found.pages:
        raise _out_of_range(found.pages)
    start = (filters.page - 1) * filters.page_size
    results = [
        Result(
            revision=revision,
            url=indexing.record_url(revision.record.index_number or ""),
            published_on=indexing.published_on(revision),
            title_html=escape(revision.title),
            snippet_html=None,
        )
        for revision in revisions[start : start + filters.page_size]
    ]
    return ResultPage(filters, count, filters.page, filters.page_size, results)


def _searched(filters: RecordFilters) -> ResultPage:
    try:
        query = SearchQuery(
            text=filters.q,
            agency_path_prefix=filters.agency.path if filters.agency else None,
            category=filters.category or None,
            genre=filters.genre or None,
            date_from=filters.date_from,
            date_to=filters.date_to,
            validity=filters.validity or None,
            order=filters.order,
            page=filters.page,
            page_size=filters.page_size,
        )
    except SearchQueryError as exc:
        raise FilterError(exc.code, {_SEARCH_ERROR_FIELDS.get(exc.code, "q"): exc.message}) from exc
    page = search.search(query)
    if filters.page > page.pages:
        raise _out_of_range(page.pages)
    ids = [record_id for hit in page.hits if (record_id := indexing.record_id_of(hit.key)) is not None]
    public = {revision.record_id: revision for revision in published_records().filter(record_id__in=ids)}
    results = []
    for hit in page.hits:
        revision = public.get(indexing.record_id_of(hit.key) or 0)
        if revision is None:  # not public (any more): never shown, whatever the index holds
            continue
        results.append(
            Result(
                revision=revision,
                url=indexing.record_url(revision.record.index_number or ""),
                published_on=indexing.published_on(revision),
                # Escaped by the search (sunshine.search.highlight): only its <mark> tags are HTML.
                title_html=mark_safe(hit.title_html),  # noqa: S308
                snippet_html=mark_safe(hit.snippet_html),  # noqa: S308
            )
        )
    return ResultPage(filters, page.total, filters.page, filters.page_size, results, page.total_is_exact)


def find_records(filters: RecordFilters) -> ResultPage:
    """One page of published records: searched when there are words, listed newest first otherwise.

    Raises ``FilterError`` (status 404) for a page after the last one.
    """
    return _searched(filters) if filters.q else _listed(filters)
