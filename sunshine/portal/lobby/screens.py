"""What the lobby screen shows: rows of records, guides and questions read through the public
selectors and searches, one page at a time, each linking to its lobby page.

Everything is read as the portal reads it (``published_records``, ``public_versions``,
``public_entries`` and the searches built on them), so the lobby shows exactly what the portal shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

import nh3
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from sunshine.core.workflow import WorkflowError
from sunshine.eservices import catalogue
from sunshine.eservices.models import Version
from sunshine.eservices.selectors import public_versions
from sunshine.faq import search as faq_search
from sunshine.faq.models import Entry
from sunshine.faq.selectors import public_entries
from sunshine.records import public_search, richtext
from sunshine.records.models import Revision

Kind = Literal["records", "guides", "questions"]
KINDS: tuple[Kind, ...] = ("records", "guides", "questions")
PAGE_SIZE = 6  # rows of a list or of search results: each row is a large target
LATEST = 4  # rows of each tile of the start page
DEFAULT_IDLE_SECONDS = 120
DEFAULT_TOPICS = ["社保", "医保", "户籍", "教育", "住房", "公积金"]
KEYBOARD = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM-"]  # "-": item codes, index numbers
MAX_QUERY_LENGTH = 100  # the service guides' limit, the smallest of the three searches


def idle_seconds() -> int:
    """Seconds a lobby page may be left untouched before it returns to the start page (read at every
    request, so that a change of the setting applies to the next page)."""
    value = int(getattr(settings, "SUNSHINE_LOBBY_IDLE_SECONDS", DEFAULT_IDLE_SECONDS))
    return max(value, 1)


def topics() -> list[str]:
    """The topic words offered above the keyboard (``SUNSHINE_LOBBY_TOPICS``)."""
    return [str(word) for word in getattr(settings, "SUNSHINE_LOBBY_TOPICS", DEFAULT_TOPICS) if word]


@dataclass(frozen=True)
class Row:
    """One large target of a list: a title (escaped HTML, found words in <mark>) and a line below it."""

    url: str
    title_html: SafeString
    meta: str = ""
    excerpt_html: SafeString | None = None


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    previous_url: str = ""
    next_url: str = ""


@dataclass(frozen=True)
class Listing:
    rows: list[Row]
    count: int
    pager: Pager
    message: str = ""  # why there are no rows, when it is not simply that nothing was found
    counts: dict[str, int] = field(default_factory=dict)


def _day(moment: datetime.datetime | None) -> str:
    return localtime(moment).date().isoformat() if moment else ""


def record_url(index_number: str) -> str:
    return reverse("lobby:record", args=[index_number])


def record_row(revision: Revision) -> Row:
    record = revision.record
    meta = " · ".join(part for part in (record.agency.display_name, _day(record.first_published_at)) if part)
    return Row(record_url(record.index_number or ""), escape(revision.title), meta)


def guide_row(version: Version) -> Row:
    item = version.item
    return Row(
        reverse("lobby:guide", args=[item.code]),
        escape(version.name),
        " · ".join((item.agency.display_name, version.get_kind_display())),
    )


def question_row(entry: Entry) -> Row:
    return Row(
        reverse("lobby:question", args=[entry.pk]),
        escape(entry.question),
        " · ".join(part for part in (entry.agency.display_name, entry.category) if part),
    )


# --- The start page ---------------------------------------------------------------------------


def latest_records(limit: int = LATEST) -> list[Row]:
    revisions = public_search.filtered_records(public_search.RecordFilters())
    return [record_row(r) for r in revisions.select_related("record__agency")[:limit]]


def latest_guides(limit: int = LATEST) -> list[Row]:
    return [guide_row(v) for v in public_versions().order_by("-published_at", "-pk")[:limit]]


def latest_questions(limit: int = LATEST) -> list[Row]:
    return [question_row(e) for e in public_entries().order_by("-published_at", "-pk")[:limit]]


# --- Lists and search -------------------------------------------------------------------------


def pager(path: str, page: int, pages: int, **params: str) -> Pager:
    """Previous and next addresses of a list at ``path`` (its other parameters kept)."""

    def url(number: int) -> str:
        query = {name: value for name, value in params.items() if value}
        if number > 1:
            query["page"] = str(number)
        return f"{path}?{urlencode(query)}" if query else path

    return Pager(
        page,
        pages,
        url(page - 1) if page > 1 else "",
        url(page + 1) if page < pages else "",
    )


def page_number(raw: str | None) -> int:
    value = (raw or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


def _paged(rows: QuerySet[Any], page: int) -> tuple[list[Any], int, int, int]:
    paginator = Paginator(rows, PAGE_SIZE)
    current = paginator.get_page(page)
    return list(current.object_list), paginator.count, current.number, paginator.num_pages


def record_list(path: str, page: int) -> Listing:
    rows = public_search.filtered_records(public_search.RecordFilters()).select_related("record__agency")
    items, count, number, pages = _paged(rows, page)
    return Listing([record_row(r) for r in items], count, pager(path, number, pages))


def guide_list(path: str, page: int) -> Listing:
    items, count, number, pages = _paged(public_versions().order_by("item__agency__path", "name"), page)
    return Listing([guide_row(v) for v in items], count, pager(path, number, pages))


def question_list(path: str, page: int) -> Listing:
    items, count, number, pages = _paged(public_entries().order_by("-published_at", "-pk"), page)
    return Listing([question_row(e) for e in items], count, pager(path, number, pages))


def _found_records(q: str, page: int, page_size: int) -> tuple[list[Row], int, int, str]:
    """(rows, count, pages, message) of the portal's record search."""
    try:
        filters = public_search.parse_filters({"q": q, "page": str(page), "page_size": str(page_size)})
        found = public_search.find_records(filters)
    except public_search.FilterError as exc:
        return [], 0, 1, exc.message
    rows = []
    for result in found.results:
        row = record_row(result.revision)
        rows.append(Row(row.url, result.title_html, row.meta, result.snippet_html))
    return rows, found.count, found.pages, ""


def _found_guides(q: str, page: int, page_size: int) -> tuple[list[Row], int, int, str]:
    try:
        found = catalogue.find({"q": q}, page=page, page_size=page_size)
    except WorkflowError as exc:
        return [], 0, 1, next(iter(exc.fields.values()), "")
    return [guide_row(v) for v in found.results], found.count, found.pages, ""


def _found_questions(q: str, page: int, page_size: int) -> tuple[list[Row], int, int, str]:
    found = faq_search.find(q=q, page=page, page_size=page_size)
    rows = []
    for result in found.results:
        row = question_row(result.entry)
        rows.append(Row(row.url, result.question_html, row.meta, result.excerpt_html))
    return rows, found.count, found.pages, ""


SEARCHES = {"records": _found_records, "guides": _found_guides, "questions": _found_questions}


def searched(path: str, q: str, kind: Kind, page: int) -> Listing:
    """One page of ``kind`` found by the words ``q`` (the portal's own searches), and how many of each
    kind there are (for the tabs)."""
    counts = {name: search(q, 1, 1)[1] for name, search in SEARCHES.items() if name != kind}
    rows, count, pages, message = SEARCHES[kind](q, page, PAGE_SIZE)
    counts[kind] = count
    return Listing(rows, count, pager(path, min(page, pages), pages, q=q, kind=kind), message, counts)


def kind_of(raw: str | None) -> Kind:
    """The kind of results asked for; records unless one of the others is named."""
    return next((kind for kind in KINDS if kind == raw), "records")


def cleaned_query(raw: str | None) -> tuple[str, str]:
    """(the words, a message when they cannot be searched)."""
    q = " ".join((raw or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        return q[:MAX_QUERY_LENGTH], _("The search text is too long: at most %(limit)d characters.") % {
            "limit": MAX_QUERY_LENGTH
        }
    return q, ""


# --- Texts --------------------------------------------------------------------------------------

_TAGS_WITHOUT_LINKS = richtext.ALLOWED_TAGS - {"a"}
_ATTRIBUTES_WITHOUT_LINKS = {
    tag: set(names) for tag, names in richtext.ALLOWED_ATTRIBUTES.items() if tag != "a"
}


def without_links(safe_html: str) -> SafeString:
    """A record's text (already sanitised) with its links turned into their text: nothing on the lobby
    screen leads out of it, to another site or to the portal's own pages."""
    cleaned = nh3.clean(safe_html, tags=_TAGS_WITHOUT_LINKS, attributes=_ATTRIBUTES_WITHOUT_LINKS)
    return mark_safe(cleaned)  # noqa: S308 - nh3 output: only the allowed tags and attributes
