"""Finding common questions by Chinese words: the project's segmenter, the database's full text.

The words of the question and of the answer are cut by ``sunshine.search.segment`` (jieba's
dictionary, search mode) when an entry is written and kept on the entry (``question_tokens``,
``answer_tokens``); a query is cut the same way (``query_tokens``), and every one of its words must
match. The engine's own full-text index holds the words, kept in step with the row by triggers
(migration ``faq.0002_fulltext``):

- SQLite: the FTS5 table ``faq_fts`` over the entry table's two token columns (external content,
  rowid = entry id), ranked by ``bm25`` with the question weighted ``QUESTION_WEIGHT`` times the
  answer;
- PostgreSQL: a ``search_vector`` tsvector column (question weight A, answer weight D, configuration
  ``simple``) with a GIN index, ranked by ``ts_rank_cd`` (``ts_rank`` when any word will do, as for
  the suggestions shown while a letter is written: ``best_with_any_word``).

The index holds every entry, whatever its status: what is public (published, valid today, of an
active agency) is decided when searching, so an entry that expires overnight is gone from the next
search without anything being re-indexed. Every hit is read back through
``selectors.public_entries()`` before it is shown.

Common questions are not put in the records' index (``sunshine.search``'s ``SearchEntry``): that
index holds exactly the published records, and its counts and pages are the records' own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString

from sunshine.agencies.models import Agency
from sunshine.core.pagination import page_slice
from sunshine.faq.models import Entry, Status
from sunshine.faq.selectors import public_entries
from sunshine.search import fulltext, highlight, segment

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_INDEXED_ANSWER_CHARS = 20_000
QUESTION_WEIGHT = 4.0  # bm25 weight of the question against 1.0 for the answer (SQLite)
FTS_TABLE = "faq_fts"


def entry_tokens(question: str, answer: str) -> tuple[str, str]:
    """(question tokens, answer tokens) as the index reads them: space-separated search-mode words."""
    return (
        " ".join(segment.tokens(question)),
        " ".join(segment.tokens(answer[:MAX_INDEXED_ANSWER_CHARS])),
    )


@dataclass(frozen=True)
class Found:
    entry: Entry
    question_html: SafeString  # escaped; matched words in <mark>
    excerpt_html: SafeString  # a passage of the answer, escaped; matched words in <mark>


@dataclass(frozen=True)
class FoundPage:
    q: str
    count: int
    page: int
    page_size: int
    results: list[Found] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _conditions(agency: Agency | None, today: datetime.date) -> tuple[list[str], list[Any]]:
    """SQL conditions on entry ``e`` and agency ``a``: public today, in the agency's subtree."""
    where = [
        "e.status = %s",
        "(e.valid_from IS NULL OR e.valid_from <= %s)",
        "(e.valid_until IS NULL OR e.valid_until >= %s)",
        "a.is_active",
    ]
    params: list[Any] = [Status.PUBLISHED.value, today, today]
    if agency is not None:
        prefix = agency.path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("a.path LIKE %s ESCAPE '\\'")
        params.append(prefix + "%")
    return where, params


def _matching(
    terms: list[str], agency: Agency | None, today: datetime.date, *, any_word: bool = False
) -> tuple[str, list[Any], str, list[Any]]:
    """(FROM … WHERE of the public entries matching ``terms``, its parameters, the ORDER BY of the best
    first, its parameters) on this database's engine: every word must match, or any with
    ``any_word``."""
    entries, agencies = Entry._meta.db_table, Agency._meta.db_table
    where, params = _conditions(agency, today)
    if connection.vendor == "sqlite":
        # Tokens are quoted: nothing a person types is read as FTS5 syntax.
        match = fulltext.fts5_any(terms) if any_word else fulltext.fts5_all(terms)
        # CROSS JOIN keeps the full-text lookup the outer loop: SQLite would otherwise walk the entries
        # and run the full-text query once per entry (seconds at 10,000 entries).
        source = (
            f"FROM {FTS_TABLE} CROSS JOIN {entries} e ON e.id = {FTS_TABLE}.rowid "
            f"CROSS JOIN {agencies} a ON a.id = e.agency_id "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)}"
        )
        return source, [match, *params], f"bm25({FTS_TABLE}, {QUESTION_WEIGHT}, 1.0), e.id DESC", []
    if connection.vendor == "postgresql":
        # plainto_tsquery reads no operators
        tsquery, words = fulltext.tsquery_any(terms) if any_word else fulltext.tsquery_all(terms)
        source = (
            f"FROM {entries} e JOIN {agencies} a ON a.id = e.agency_id "
            f"WHERE e.search_vector @@ {tsquery} AND {' AND '.join(where)}"
        )
        # Cover density costs several times more on an OR of words (measured on the letters'
        # suggestions): any word is ranked by the words' frequencies alone.
        rank = "ts_rank" if any_word else "ts_rank_cd"
        return source, [*words, *params], f"{rank}(e.search_vector, {tsquery}) DESC, e.id DESC", words
    raise NotImplementedError(f"no common-question search on the {connection.vendor} database engine")


def _statements(
    terms: list[str], agency: Agency | None, today: datetime.date, limit: int, offset: int
) -> tuple[str, list[Any], str, list[Any]]:
    """(page SQL, its parameters, count SQL, its parameters) on this database's engine."""
    source, params, order, order_params = _matching(terms, agency, today)
    page = f"SELECT e.id {source} ORDER BY {order} LIMIT %s OFFSET %s"
    return page, [*params, *order_params, limit, offset], f"SELECT count(*) {source}", params


def _searched(q: str, agency: Agency | None, page: int, page_size: int, today: datetime.date) -> FoundPage:
    terms = segment.query_tokens(q)
    if not terms:  # only punctuation or words too common to mean anything
        return FoundPage(q, 0, page, page_size)
    page_sql, page_params, count_sql, count_params = _statements(
        terms, agency, today, page_size, (page - 1) * page_size
    )
    with connection.cursor() as cursor:
        cursor.execute(page_sql, page_params)
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(count_sql, count_params)
        count = int(cursor.fetchone()[0])
    public = {entry.pk: entry for entry in public_entries(today).filter(pk__in=ids)}
    results = [
        Found(entry, highlight.highlight(entry.question, terms), highlight.snippet(entry.answer, terms))
        for entry_id in ids
        if (entry := public.get(entry_id)) is not None  # never shown when not public, whatever the index
    ]
    return FoundPage(q, count, page, page_size, results)


def _listed(agency: Agency | None, page: int, page_size: int, today: datetime.date) -> FoundPage:
    entries = public_entries(today)
    if agency is not None:
        entries = entries.filter(agency__path__startswith=agency.path)
    count = entries.count()
    results = [
        Found(entry, escape(entry.question), highlight.snippet(entry.answer, []))
        for entry in entries.order_by("-published_at", "-pk")[page_slice(page, page_size)]
    ]
    return FoundPage("", count, page, page_size, results)


def find(
    *,
    q: str = "",
    agency: Agency | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    today: datetime.date | None = None,
) -> FoundPage:
    """One page of public common questions (of ``agency`` and those below it): with words, the best
    matches first; without, the newest publications first. The caller checks the input's bounds."""
    today = today or timezone.localdate()
    q = " ".join(q.split())
    if q:
        return _searched(q, agency, page, page_size, today)
    return _listed(agency, page, page_size, today)


def best_with_any_word(
    terms: list[str], *, agency: Agency | None = None, limit: int = 3, today: datetime.date | None = None
) -> list[Entry]:
    """The best ``limit`` public common questions (of ``agency`` and those below it) holding any of
    ``terms``, words already cut (``segment.query_tokens``): one full-text look-up, ranked by the
    engine (more of the words, and rarer ones, rank higher; the question weighs more), newest among
    equals. Read back through ``selectors.public_entries()``."""
    if not terms:
        return []
    today = today or timezone.localdate()
    source, params, order, order_params = _matching(terms, agency, today, any_word=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.id {source} ORDER BY {order} LIMIT %s", [*params, *order_params, limit])
        ids = [row[0] for row in cursor.fetchall()]
    public = {entry.pk: entry for entry in public_entries(today).filter(pk__in=ids)}
    return [public[entry_id] for entry_id in ids if entry_id in public]
