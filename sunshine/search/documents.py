"""What the search index is fed with and what it answers: plain, frozen data.

Other apps (records today) turn their objects into ``SearchDocument`` values and hand them to
``sunshine.search.services``; nothing here knows about their models.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
# At most this many matches are counted and ranked (the most recent ones): beyond it the count reads
# "1,000 or more" and deeper pages are refused; narrowing the search (filters) brings the rest in.
# Ranking every match of a common word among a million records costs far more than 100 ms on
# either engine (bench/search_bench.py); ranking the newest thousand does not.
MAX_RESULTS = 1000
Order = Literal["relevance", "date"]


@dataclass(frozen=True)
class SearchDocument:
    """One public item as the index sees it. ``key`` is a stable id such as ``"record:123"``."""

    key: str
    title: str
    body: str
    document_number: str
    agency_id: int
    agency_path: str  # the agency's materialised path, "/1/5/12/"
    category: str
    genre: str
    published_on: datetime.date
    validity: str
    url: str


class SearchQueryError(ValueError):
    """A query that cannot be run; ``message`` is translated and fit to show to the person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class SearchQuery:
    """What a person asked for. Checked on creation: a bad query raises ``SearchQueryError``."""

    text: str
    agency_path_prefix: str | None = None  # an agency's path, "/1/5/": that agency and those below it
    category: str | None = None
    genre: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    validity: str | None = None
    order: Order = "relevance"
    page: int = 1
    page_size: int = 20

    def __post_init__(self) -> None:
        text = (self.text or "").strip()
        if not text:
            raise SearchQueryError("empty_query", _("Enter what you are looking for."))
        if len(text) > MAX_QUERY_LENGTH:
            raise SearchQueryError(
                "query_too_long",
                _("The search text is too long: at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH},
            )
        if self.order not in ("relevance", "date"):
            raise SearchQueryError("bad_order", _("Results can be ordered by relevance or by date only."))
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchQueryError(
                "bad_page_size",
                _("A page holds 1 to %(limit)d results.") % {"limit": MAX_PAGE_SIZE},
            )
        if self.page < 1 or (self.page - 1) * self.page_size >= MAX_RESULTS:
            raise SearchQueryError(
                "bad_page",
                _("Only the first %(limit)d results can be shown: narrow the search to see others.")
                % {"limit": MAX_RESULTS},
            )
        prefix = self.agency_path_prefix
        if prefix is not None and not (
            prefix.startswith("/") and prefix.endswith("/") and len(prefix) <= 255
        ):
            raise SearchQueryError("bad_agency", _("The agency to search in is not known."))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SearchQueryError("bad_date_range", _("The start date is after the end date."))
        object.__setattr__(self, "text", text)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    key: str
    title: str
    url: str
    agency_id: int
    published_on: datetime.date
    document_number: str
    category: str
    genre: str
    validity: str
    title_html: str  # the title, escaped, matched words in <mark>
    snippet_html: str  # a passage of the text, escaped, matched words in <mark>
    score: float  # higher is more relevant (0 when ordered by date)


@dataclass(frozen=True)
class SearchPage:
    total: int  # matches, counted up to MAX_RESULTS (then ``total_is_exact`` is False)
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    total_is_exact: bool = True

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, MAX_RESULTS) // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
