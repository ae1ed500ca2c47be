"""One search interface, two engines: SQLite FTS5 and PostgreSQL full text.

Both are fed the same pre-segmented tokens (``segment.py``), so both match the same words; what
differs is only where the words are kept and how they are ranked:

- SQLite: the FTS5 table ``search_fts(title, body, facets)`` whose rowid is the entry's date and id
  (``fts_rowid``), so the index is in date order; ``bm25()`` with the title weighted
  ``TITLE_WEIGHT`` times the text and the facets not at all.
- PostgreSQL: the ``search_vector`` column of ``search_searchentry``: title weight A, text weight
  D, facets C (``setweight``, configuration ``simple``), a GIN index; ``ts_rank_cd`` with the words
  only.

A query is cut like a document and all its words must match (AND). The filters (agency subtree,
category, genre, validity) are tokens too, "facets", matched in the same index lookup; dates are a
rowid range (SQLite) or a column condition (PostgreSQL). Tokens are quoted before they reach the
engine, so nothing a person types is ever read as query syntax. A query that is exactly a
document number first lists the documents with that number (exact match on the normalised
number), then the other matches.

At most ``MAX_RESULTS`` matches are counted and ranked: the newest ones. Beyond that the page says
"more than", and the person narrows the search; this keeps a common word among a million records
well under 100 ms on both engines (bench/search_bench.py). SQLite reads the newest matches first
because its rowids are in date order. PostgreSQL cannot read a GIN index in date order, so each
entry also carries its year and month as facet tokens (``date_tokens``, migration 0003 for entries
indexed before) and a search with words first counts in recent windows (``date_windows``): when a
window alone holds more than ``MAX_RESULTS`` matches, the newest ones are all in it and the page
and count are the same as over the whole index, read from a fraction of the table.

Every SQL statement a search runs comes from ``exact_statement()`` and ``statements()``, so the
benchmark can time the same statements issued directly on the cursor.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple, Protocol

from django.db import connection, transaction

from sunshine.search import fulltext, highlight, segment
from sunshine.search.documents import MAX_RESULTS, Hit, SearchDocument, SearchPage, SearchQuery
from sunshine.search.models import SNIPPET_SOURCE_CHARS

TABLE = "search_searchentry"
VECTOR_INDEX = "search_entry_vector"  # PostgreSQL, migration 0002
FTS_TABLE = "search_fts"
TITLE_WEIGHT = 8.0  # bm25 weight of the title against 1.0 for the text (SQLite)
MAX_INDEXED_BODY_CHARS = 20_000  # longer texts are indexed on their first 20,000 characters
MAX_EXACT_MATCHES = 100
DEFAULT_BATCH = 500

# Metadata columns, in the order of PreparedRow's first fields.
ENTRY_COLUMNS = (
    "key",
    "title",
    "text",
    "document_number",
    "document_number_norm",
    "agency_id",
    "agency_path",
    "category",
    "genre",
    "published_on",
    "validity",
    "url",
)
# Columns a hit is built from, in this order, then the score.
HIT_COLUMNS = (
    "key",
    "title",
    "url",
    "agency_id",
    "published_on",
    "document_number",
    "category",
    "genre",
    "validity",
    "text",
)


class PreparedRow(NamedTuple):
    """A document with its tokens: what is written. Made without the database (see ``prepare``); a
    plain tuple, cheap to send back from the processes that segment."""

    entry: tuple[Any, ...]  # values of ENTRY_COLUMNS
    title_tokens: str
    body_tokens: str
    facet_tokens: str  # one token per filter value, see facets()


def path_prefixes(path: str) -> list[str]:
    """ "/1/5/12/" → ["/1/", "/1/5/", "/1/5/12/"]: the agency and the agencies above it."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]


def value_facets(*, category: str | None, genre: str | None, validity: str | None) -> list[str]:
    """Filter values as tokens: a filter is one more word that must match, found in the index."""
    values = (("c", category), ("g", genre), ("v", validity))
    return [segment.facet_token(kind, value) for kind, value in values if value]


def prepare(document: SearchDocument) -> PreparedRow:
    """Segment one document (the costly part of indexing; pure, so it can run in other processes)."""
    body = document.body[:MAX_INDEXED_BODY_CHARS]
    title_tokens, body_tokens = segment.document_tokens(document.title, body, document.document_number)
    text = " ".join(document.body[: SNIPPET_SOURCE_CHARS * 2].split())[:SNIPPET_SOURCE_CHARS]
    entry = (
        document.key,
        document.title,
        text,
        document.document_number,
        segment.normalise_document_number(document.document_number)[:100],
        document.agency_id,
        document.agency_path,
        document.category,
        document.genre,
        document.published_on,
        document.validity,
        document.url,
    )
    # The agency and every agency above it: an agency's filter finds its whole subtree.
    facet_tokens = [segment.facet_token("a", prefix) for prefix in path_prefixes(document.agency_path)]
    facet_tokens += value_facets(category=document.category, genre=document.genre, validity=document.validity)
    return PreparedRow(entry, title_tokens, body_tokens, " ".join(facet_tokens))


def prepare_batch(documents: Sequence[SearchDocument]) -> list[PreparedRow]:
    return [prepare(document) for document in documents]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class ParsedQuery:
    terms: list[str]  # words that must all match (each once, in order)
    facets: list[str]  # filter tokens that must match too
    exact_number: str  # normalised document number to look up first, or ""


def parse(query: SearchQuery) -> ParsedQuery:
    text = query.text
    number = segment.normalise_document_number(text) if segment.looks_like_document_number(text) else ""
    filters = [segment.facet_token("a", query.agency_path_prefix)] if query.agency_path_prefix else []
    filters += value_facets(category=query.category, genre=query.genre, validity=query.validity)
    return ParsedQuery(segment.query_tokens(text), filters, number)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list[Any]


@dataclass(frozen=True)
class Statements:
    """The SQL of one search: the page of full-text matches and their count (None: no words)."""

    page: Statement | None
    count: Statement | None


class SearchBackend(Protocol):
    vendor: str

    def index(self, documents: Iterable[SearchDocument], *, batch_size: int = DEFAULT_BATCH) -> int: ...

    def write(self, rows: Sequence[PreparedRow]) -> None: ...

    def remove(self, keys: Iterable[str]) -> int: ...

    def clear(self) -> None: ...

    def begin_bulk_load(self) -> None: ...

    def end_bulk_load(self) -> None: ...

    def search(self, query: SearchQuery) -> SearchPage: ...

    def exact_statement(self, query: SearchQuery, parsed: ParsedQuery) -> Statement | None: ...

    def statements(self, query: SearchQuery, parsed: ParsedQuery, exact_found: int = 0) -> Statements: ...

    def entry_count(self) -> int: ...

    def fulltext_count(self) -> int: ...


class _SqlBackend:
    """What both engines share: filters, paging, the exact number first, hits and snippets."""

    vendor = ""

    # --- writing ---------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument], *, batch_size: int = DEFAULT_BATCH) -> int:
        """Insert or replace documents (by key), ``batch_size`` at a time; how many were written."""
        written = 0
        for batch in batched(documents, batch_size):
            self.write(prepare_batch(batch))
            written += len(batch)
        return written

    def write(self, rows: Sequence[PreparedRow]) -> None:  # pragma: no cover - engines define it
        raise NotImplementedError

    def remove(self, keys: Iterable[str]) -> int:
        """Delete the entries with these keys (their words go with them); how many there were."""
        removed = 0
        with transaction.atomic(), connection.cursor() as cursor:
            for batch in batched(keys, DEFAULT_BATCH):
                marks = ", ".join(["%s"] * len(batch))
                cursor.execute(f"DELETE FROM {TABLE} WHERE key IN ({marks})", batch)  # noqa: S608
                removed += cursor.rowcount
        return removed

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def begin_bulk_load(self) -> None:
        """Before filling an empty index with many documents (engines may drop what slows it)."""

    def end_bulk_load(self) -> None:
        """After the bulk load: put back what ``begin_bulk_load`` took away."""

    def entry_count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def fulltext_count(self) -> int:  # pragma: no cover - engines define it
        raise NotImplementedError

    # --- searching -------------------------------------------------------------------------------

    def _filters(self, query: SearchQuery, *, dates: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions on the entry ``e`` for the query's filters, and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if query.agency_path_prefix:
            prefix = query.agency_path_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("e.agency_path LIKE %s ESCAPE '\\'")
            params.append(prefix + "%")
        for column in ("category", "genre", "validity"):
            value = getattr(query, column)
            if value:
                where.append(f"e.{column} = %s")
                params.append(value)
        if dates and query.date_from:
            where.append("e.published_on >= %s")
            params.append(self._date(query.date_from))
        if dates and query.date_to:
            where.append("e.published_on <= %s")
            params.append(self._date(query.date_to))
        return where, params

    def _date(self, value: datetime.date) -> Any:
        return value

    def exact_statement(self, query: SearchQuery, parsed: ParsedQuery) -> Statement | None:
        """The entries whose document number is the query's, newest first (None: not a number)."""
        if not parsed.exact_number:
            return None
        where, params = self._filters(query)
        columns = ", ".join(f"e.{column}" for column in HIT_COLUMNS)
        return Statement(
            f"SELECT {columns}, 0 FROM {TABLE} e "  # noqa: S608
            f"WHERE {' AND '.join(['e.document_number_norm = %s', *where])} "
            f"ORDER BY e.published_on DESC, e.id DESC LIMIT {MAX_EXACT_MATCHES}",
            [parsed.exact_number, *params],
        )

    @staticmethod
    def _window(query: SearchQuery, exact_found: int) -> tuple[int, int]:
        """(limit, offset) of the full-text matches on the query's page, after ``exact_found`` rows."""
        shown_exact = max(0, min(exact_found - query.offset, query.page_size))
        return query.page_size - shown_exact, max(0, query.offset - exact_found)

    def statements(
        self, query: SearchQuery, parsed: ParsedQuery, exact_found: int = 0
    ) -> Statements:  # pragma: no cover - engines define it
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchPage:
        parsed = parse(query)
        rows: list[Sequence[Any]] = []
        exact_total = matches = 0
        with connection.cursor() as cursor:
            exact = self.exact_statement(query, parsed)
            if exact is not None:
                cursor.execute(exact.sql, exact.params)
                exact_rows = cursor.fetchall()
                rows = exact_rows[query.offset : query.offset + query.page_size]
                exact_total = len(exact_rows)
            found, matches = self._full_text(cursor, query, parsed, exact_total, len(rows) < query.page_size)
            rows.extend(found)
        hits = [self._hit(row, parsed.terms) for row in rows]
        return SearchPage(
            total=min(exact_total + matches, MAX_RESULTS),
            page=query.page,
            page_size=query.page_size,
            hits=hits,
            total_is_exact=matches <= MAX_RESULTS and exact_total + matches <= MAX_RESULTS,
        )

    def _full_text(
        self, cursor: Any, query: SearchQuery, parsed: ParsedQuery, exact_found: int, want_page: bool
    ) -> tuple[list[Sequence[Any]], int]:
        """The full-text rows of the page (if ``want_page``) and the matches, counted to MAX_RESULTS + 1."""
        statements = self.statements(query, parsed, exact_found)
        rows: list[Sequence[Any]] = []
        if statements.page is not None and want_page:
            cursor.execute(statements.page.sql, statements.page.params)
            rows = cursor.fetchall()
        matches = 0
        if statements.count is not None:
            cursor.execute(statements.count.sql, statements.count.params)
            matches = int(cursor.fetchone()[0])
        return rows, matches

    def _score(self, raw: Any) -> float:
        return float(raw or 0.0)

    def _hit(self, row: Sequence[Any], terms: list[str]) -> Hit:
        key, title, url, agency_id, published_on, number, category, genre, validity, text, score = row
        if isinstance(published_on, str):
            published_on = datetime.date.fromisoformat(published_on)
        return Hit(
            key=key,
            title=title,
            url=url,
            agency_id=int(agency_id),
            published_on=published_on,
            document_number=number,
            category=category,
            genre=genre,
            validity=validity,
            title_html=highlight.highlight(title, terms),
            snippet_html=highlight.snippet(text, terms),
            score=self._score(score),
        )


def fts_rowid(published_on: datetime.date, entry_id: int) -> int:
    """The FTS5 rowid of an entry: its date's ordinal in the high bits, its id in the low 32.

    So the full-text index itself is in date order: "newest first" and date ranges are rowid
    order and rowid ranges, which FTS5 walks without sorting, and the newest matches come first.
    """
    if not 0 < entry_id < ID_LIMIT:
        raise ValueError(f"search entry id {entry_id} does not fit the FTS rowid")
    return (published_on.toordinal() << 32) | entry_id


ID_LIMIT = 1 << 32
ENTRY_ID = f"({FTS_TABLE}.rowid & {ID_LIMIT - 1})"


class Fts5Backend(_SqlBackend):
    vendor = "sqlite"

    def write(self, rows: Sequence[PreparedRow]) -> None:
        if not rows:
            return
        columns = ", ".join(ENTRY_COLUMNS)
        updates = ", ".join(f"{column} = excluded.{column}" for column in ENTRY_COLUMNS[1:])
        row_marks = "(" + ", ".join(["%s"] * len(ENTRY_COLUMNS)) + ")"
        published = ENTRY_COLUMNS.index("published_on")
        words: list[tuple[int, str, str, str]] = []
        with transaction.atomic(), connection.cursor() as cursor:
            # 12 values a row: 500 rows stay far below SQLite's limit of 32,766 variables.
            for batch in batched(rows, DEFAULT_BATCH):
                params: list[Any] = []
                for row in batch:
                    values = list(row.entry)
                    values[published] = values[published].isoformat()  # as Django stores a date
                    params.extend(values)
                # A changed date moves the words: the update trigger of migration 0002 deletes the
                # old FTS row; REPLACE below overwrites it when the date stays.
                cursor.execute(
                    f"INSERT INTO {TABLE} ({columns}) VALUES {', '.join([row_marks] * len(batch))} "  # noqa: S608
                    f"ON CONFLICT (key) DO UPDATE SET {updates} RETURNING id, key",
                    params,
                )
                ids = {key: entry_id for entry_id, key in cursor.fetchall()}
                words.extend(
                    (
                        fts_rowid(row.entry[published], ids[row.entry[0]]),
                        row.title_tokens,
                        row.body_tokens,
                        row.facet_tokens,
                    )
                    for row in batch
                )
            # In rowid order: FTS5 writes its pending words out whenever a rowid goes backwards.
            words.sort(key=lambda item: item[0])
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, body, facets) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                words,
            )

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def fulltext_count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def _date(self, value: datetime.date) -> Any:
        return value.isoformat()

    def statements(self, query: SearchQuery, parsed: ParsedQuery, exact_found: int = 0) -> Statements:
        if not parsed.terms:
            return Statements(None, None)
        # Words and filters are all tokens of the FTS table: one MATCH, no join to filter.
        match = "(" + fulltext.fts5_all([*parsed.terms, *parsed.facets]) + ")"
        if parsed.exact_number:  # those were listed first already
            match += " NOT " + fulltext.fts5_string(parsed.exact_number)
        conditions = [f"{FTS_TABLE} MATCH %s"]
        params: list[Any] = [match]
        # Date filters are rowid ranges of the date-ordered FTS table.
        if query.date_from:
            conditions.append(f"{FTS_TABLE}.rowid >= %s")
            params.append(query.date_from.toordinal() << 32)
        if query.date_to:
            conditions.append(f"{FTS_TABLE}.rowid < %s")
            params.append((query.date_to.toordinal() + 1) << 32)
        where = " AND ".join(conditions)
        columns = ", ".join(f"e.{column}" for column in HIT_COLUMNS)
        entry = f"JOIN {TABLE} e ON e.id = (top.fts_rowid & {ID_LIMIT - 1})"
        limit, offset = self._window(query, exact_found)
        if query.order == "date":
            # Newest first is the FTS table's own order (descending rowid): no sort, early stop.
            page = Statement(
                f"SELECT {columns}, 0 FROM (SELECT rowid AS fts_rowid FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {where} ORDER BY rowid DESC LIMIT %s OFFSET %s) top {entry} "
                "ORDER BY top.fts_rowid DESC",
                [*params, limit, offset],
            )
        else:
            # bm25 over the newest MAX_RESULTS matches (the filter tokens' column weighs 0),
            # then the page of the best.
            page = Statement(
                f"SELECT {columns}, top.score FROM ("  # noqa: S608
                "SELECT fts_rowid, score FROM ("
                f"SELECT rowid AS fts_rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0, 0.0) AS score "
                f"FROM {FTS_TABLE} WHERE {where} ORDER BY rowid DESC LIMIT {MAX_RESULTS}"
                f") ORDER BY score, fts_rowid DESC LIMIT %s OFFSET %s) top {entry} "
                "ORDER BY top.score, top.fts_rowid DESC",
                [*params, limit, offset],
            )
        count = Statement(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {where} LIMIT {MAX_RESULTS + 1})",  # noqa: S608
            params,
        )
        return Statements(page, count)

    def _score(self, raw: Any) -> float:
        return -float(raw or 0.0)  # bm25() is lower for better matches


class DateWindow(NamedTuple):
    """Entries published on or after ``since``: those that carry one of ``tokens`` (PostgreSQL)."""

    since: datetime.date
    tokens: tuple[str, ...]


def year_token(day: datetime.date) -> str:
    return segment.facet_token("y", f"{day:%Y}")


def month_token(day: datetime.date) -> str:
    return segment.facet_token("m", f"{day:%Y%m}")


def date_tokens(day: datetime.date) -> str:
    """The year and the month of an entry's date as tokens, so that a recent window is found in
    the full-text index itself, in the same lookup as the words."""
    return f"{year_token(day)} {month_token(day)}"


def date_windows(newest: datetime.date) -> list[DateWindow]:
    """The windows a search tries before the whole index, the narrowest first: this month and the
    one before, the last six months, this year and the one before, the last five years."""
    months = []
    month = newest.replace(day=1)
    for _ in range(6):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    years = [datetime.date(newest.year - back, 1, 1) for back in range(5)]
    return [
        DateWindow(months[1], tuple(month_token(day) for day in months[:2])),
        DateWindow(months[5], tuple(month_token(day) for day in months)),
        DateWindow(years[1], tuple(year_token(day) for day in years[:2])),
        DateWindow(years[4], tuple(year_token(day) for day in years)),
    ]


class PostgresBackend(_SqlBackend):
    vendor = "postgresql"

    @staticmethod
    def vector(title: str, body: str, facets: str) -> str:
        """The SQL of an entry's vector from three SQL expressions of tokens: title weight A, text
        weight D, the filter tokens C (which the ranking query never asks for)."""
        return (
            f"setweight(to_tsvector('simple', {title}), 'A') "
            f"|| setweight(to_tsvector('simple', {body}), 'D') "
            f"|| setweight(to_tsvector('simple', {facets}), 'C')"
        )

    STAGING = "search_staging"  # a temporary table of the session: see _write_staged
    STAGED_FROM = 50  # rows; fewer are written with one INSERT

    def write(self, rows: Sequence[PreparedRow]) -> None:
        if not rows:
            return
        at = ENTRY_COLUMNS.index("published_on")
        values = [
            (
                *row.entry,
                row.title_tokens,
                row.body_tokens,
                f"{row.facet_tokens} {date_tokens(row.entry[at])}",
            )
            for row in rows
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            if len(values) < self.STAGED_FROM:
                self._write_inserted(cursor, values)
            else:
                self._write_staged(cursor, values)

    @staticmethod
    def _upsert(source: str) -> str:
        columns = ", ".join([*ENTRY_COLUMNS, "search_vector"])
        updated = [*ENTRY_COLUMNS[1:], "search_vector"]
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in updated)
        return f"INSERT INTO {TABLE} ({columns}) {source} ON CONFLICT (key) DO UPDATE SET {updates}"

    def _write_inserted(self, cursor: Any, values: list[tuple[Any, ...]]) -> None:
        row_marks = "(" + ", ".join(["%s"] * len(ENTRY_COLUMNS)) + ", " + self.vector("%s", "%s", "%s") + ")"
        for batch in batched(values, DEFAULT_BATCH):
            cursor.execute(
                self._upsert("VALUES " + ", ".join([row_marks] * len(batch))),
                [value for row in batch for value in row],
            )

    def _write_staged(self, cursor: Any, values: list[tuple[Any, ...]]) -> None:
        """Many rows: COPY them into a temporary table, then one INSERT … SELECT computes the vectors.

        A multi-row INSERT with a placeholder per value costs more in the client, which parses and
        fills a statement of thousands of placeholders, than the whole write costs the server.
        """
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.STAGING} ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT {', '.join(ENTRY_COLUMNS)}, ''::text AS title_tokens, ''::text AS body_tokens, "
            f"''::text AS facet_tokens FROM {TABLE} WITH NO DATA"
        )
        staged_columns = ", ".join([*ENTRY_COLUMNS, "title_tokens", "body_tokens", "facet_tokens"])
        with cursor.cursor.copy(f"COPY {self.STAGING} ({staged_columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        vector = self.vector("title_tokens", "body_tokens", "facet_tokens")
        # The staging rows are removed in the same statement, ready for the next batch.
        cursor.execute(
            f"WITH staged AS (DELETE FROM {self.STAGING} RETURNING *) "  # noqa: S608
            + self._upsert(f"SELECT {', '.join(ENTRY_COLUMNS)}, {vector} FROM staged")  # noqa: S608
        )

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    # A GIN index is built from scratch many times faster than it is updated row by row.
    def begin_bulk_load(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")

    def end_bulk_load(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX} ON {TABLE} USING gin (search_vector)")

    def fulltext_count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE search_vector <> ''::tsvector")  # noqa: S608
            return int(cursor.fetchone()[0])

    def _full_text(
        self, cursor: Any, query: SearchQuery, parsed: ParsedQuery, exact_found: int, want_page: bool
    ) -> tuple[list[Sequence[Any]], int]:
        """Recent windows first: a common word is counted and ranked among a few weeks of entries.

        Only the newest MAX_RESULTS matches are ranked or paged. When more than that many match
        since a date, they are all on or after that date (the order is newest first), so the page
        and the "more than" count read the same there as over the whole index. The window is a
        condition on the year or month tokens of the entries (``date_tokens``), so the GIN index
        finds the matches of the window alone and PostgreSQL reads a few weeks of rows instead of
        ten years. Fewer matches: the next, wider window, and at last the whole index.
        """
        limit, offset = self._window(query, exact_found)
        if parsed.terms and offset + limit <= MAX_RESULTS:
            for window in self._date_windows(cursor, query):
                windowed = self.statements(query, parsed, exact_found, window=window)
                if windowed.page is None or windowed.count is None:  # pragma: no cover - words given
                    break
                cursor.execute(windowed.count.sql, windowed.count.params)
                matches = int(cursor.fetchone()[0])
                if matches > MAX_RESULTS:
                    rows: list[Sequence[Any]] = []
                    if want_page:
                        cursor.execute(windowed.page.sql, windowed.page.params)
                        rows = cursor.fetchall()
                    return rows, matches
        return super()._full_text(cursor, query, parsed, exact_found, want_page)

    @staticmethod
    def _date_windows(cursor: Any, query: SearchQuery) -> list[DateWindow]:
        """The windows to try for this query: up to its date_to, narrower than its date_from."""
        cursor.execute(f"SELECT max(published_on) FROM {TABLE}")  # noqa: S608
        newest = cursor.fetchone()[0]
        if newest is None:
            return []
        if query.date_to and query.date_to < newest:
            newest = query.date_to
        return [
            window for window in date_windows(newest) if not query.date_from or window.since > query.date_from
        ]

    def statements(
        self,
        query: SearchQuery,
        parsed: ParsedQuery,
        exact_found: int = 0,
        *,
        window: DateWindow | None = None,
    ) -> Statements:
        """The page and count; ``window``: only among the entries of that window (see _full_text)."""
        if not parsed.terms:
            return Statements(None, None)
        # The tokens go through the parser that read the documents' tokens (plainto_tsquery ANDs
        # them and reads no operators), so both sides see the same words. Filters are tokens too
        # (one GIN lookup for all); dates are compared on the column.
        matching = " ".join([*parsed.terms, *parsed.facets])
        ranking = " ".join(parsed.terms)
        conditions = ["e.search_vector @@ plainto_tsquery('simple', %s)"]
        params: list[Any] = [matching]
        if window:
            # The window's tokens are ours (hex digits after a Han character): safe for to_tsquery.
            conditions = ["e.search_vector @@ (plainto_tsquery('simple', %s) && to_tsquery('simple', %s))"]
            params.append(" | ".join(window.tokens))
        if query.date_from:
            conditions.append("e.published_on >= %s")
            params.append(query.date_from)
        if query.date_to:
            conditions.append("e.published_on <= %s")
            params.append(query.date_to)
        if window:
            conditions.append("e.published_on >= %s")
            params.append(window.since)
        if parsed.exact_number:  # those were listed first already
            conditions.append("e.document_number_norm <> %s")
            params.append(parsed.exact_number)
        where = " AND ".join(conditions)
        columns = ", ".join(f"e.{column}" for column in HIT_COLUMNS)
        limit, offset = self._window(query, exact_found)
        if query.order == "date":
            page = Statement(
                f"SELECT {columns}, 0 FROM {TABLE} e WHERE {where} "  # noqa: S608
                "ORDER BY e.published_on DESC, e.id DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
        else:
            # ts_rank_cd over the newest MAX_RESULTS matches, then the page of the best.
            page = Statement(
                f"SELECT {columns}, top.score FROM ("  # noqa: S608
                "SELECT c.id, c.published_on, "
                "ts_rank_cd(v.search_vector, plainto_tsquery('simple', %s)) AS score "
                f"FROM (SELECT e.id, e.published_on FROM {TABLE} e WHERE {where} "
                f"ORDER BY e.published_on DESC, e.id DESC LIMIT {MAX_RESULTS}) c "
                f"JOIN {TABLE} v ON v.id = c.id "
                "ORDER BY score DESC, c.published_on DESC, c.id DESC LIMIT %s OFFSET %s) top "
                f"JOIN {TABLE} e ON e.id = top.id "
                "ORDER BY top.score DESC, top.published_on DESC, top.id DESC",
                [ranking, *params, limit, offset],
            )
        count = Statement(
            f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} e WHERE {where} LIMIT {MAX_RESULTS + 1}) c",  # noqa: S608
            params,
        )
        return Statements(page, count)


def get_backend() -> SearchBackend:
    """The backend of the default database's engine."""
    vendor = connection.vendor
    if vendor == "sqlite":
        return Fts5Backend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"no search backend for the {vendor} database engine")
