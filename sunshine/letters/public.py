"""Published letters (公开信件): what the public reads of a letter whose writer agreed to publication
and whose reply the agency published.

A letter is public while all of these hold: the writer consented (``publish_consent``), the reply was
approved for publication (``reply_published``), the letter is replied or closed after its reply, and
its agency is active. The public never reads the writer's phone or e-mail; the writer's name is masked
by the agency's rule (``Agency.name_masking``: 张**, 张某某 or ***), and the subject, the letter and the
reply pass through the privacy scan's ``mask_all`` (identity numbers, phones, e-mail addresses, names
after a label), with the writer's own name, phone and e-mail masked wherever they are written.

Search: the published texts, masked, are cut into words by ``sunshine.search.segment`` when a letter
is saved public (``public_words``, kept by a ``post_save`` receiver); the database's full-text index
holds those words, kept in step with the column by triggers (migration ``letters.0006_public_fulltext``):
on SQLite the FTS5 table ``letters_letter_fts`` (external content, rowid = the letter's id), on
PostgreSQL the ``public_vector`` tsvector column (configuration ``simple``) with a GIN index. A query
is cut the same way and every word must match (``search``, newest reply first); the suggestions take
the letters matching any of the words, the best ranked first (``suggestions``). The words are those
of the masked texts, so a writer's name finds nothing. Hits are read back through
``public_letters()``: a letter no longer public is never shown, whatever its stored words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from sunshine.agencies.models import Agency
from sunshine.core.pagination import page_slice
from sunshine.letters.codes import ANSWERED_STATUSES
from sunshine.letters.models import Letter
from sunshine.records.privacy_scan import NameRule, mask_all, mask_name
from sunshine.search import fulltext, segment

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
MAX_INDEXED_CHARS = 20_000
SUGGESTION_TERMS = 12
FTS_TABLE = "letters_letter_fts"  # SQLite (migration 0006_public_fulltext)


def public_letters() -> QuerySet[Letter]:
    """Letters the public may read, newest reply first (the order of the partial index
    ``letter_public_newest``)."""
    return (
        Letter.objects.filter(
            reply_published=True,
            publish_consent=True,
            status__in=sorted(ANSWERED_STATUSES),
            agency__is_active=True,
        )
        .select_related("agency")
        .order_by("-replied_on", "-id")
    )


def is_public(letter: Letter) -> bool:
    return bool(
        letter.reply_published
        and letter.publish_consent
        and letter.status in ANSWERED_STATUSES
        and letter.replied_on is not None
    )


def get_public_letter(tracking_code: str) -> Letter:
    """One public letter by its tracking code; ``Letter.DoesNotExist`` otherwise."""
    return public_letters().get(tracking_code=tracking_code)


# --- Masking ----------------------------------------------------------------------------------------


def _rule(letter: Letter) -> str:
    return str(letter.agency.name_masking or NameRule.SURNAME)


def masked_writer(letter: Letter) -> str:
    """The writer's name as published: by the agency's rule (张**, 张某某, ***)."""
    name = letter.writer_name.strip()
    return mask_name(name, _rule(letter)) if name else ""


def masked_text(letter: Letter, text: str) -> str:
    """``text`` as published: the writer's own name masked wherever written, every finding of the
    privacy scan (but classification marks), and the writer's phone and e-mail wherever still written."""
    rule = _rule(letter)
    name = letter.writer_name.strip()
    if len(name) >= 2:
        text = text.replace(name, mask_name(name, rule))
    text = mask_all(text, rule)
    for contact in (letter.writer_phone.strip(), letter.writer_email.strip()):
        if len(contact) >= 5:  # written in a form the scan does not know
            text = text.replace(contact, contact[:1] + "*" * (len(contact) - 1))
    return text


def public_data(letter: Letter) -> dict[str, Any]:
    """A published letter in the public API: never the writer's phone or e-mail."""
    return {
        "tracking_code": letter.tracking_code,
        "agency": {"code": letter.agency.code, "name": letter.agency.display_name},
        "kind": letter.kind,
        "kind_label": str(letter.get_kind_display()),
        "subject": masked_text(letter, letter.subject),
        "body": masked_text(letter, letter.body),
        "received_on": letter.received_on,
        "replied_on": letter.replied_on,
        "reply": masked_text(letter, letter.reply_text),
        "writer": masked_writer(letter),
        "url": public_url(letter),
    }


def public_url(letter: Letter) -> str:
    return reverse("letters:public_detail", args=[letter.tracking_code])


# --- Search words -----------------------------------------------------------------------------------


def words_of(letter: Letter) -> str:
    """The search words of a public letter, as stored in ``public_words``; empty when not public."""
    if not is_public(letter):
        return ""
    texts = [letter.subject, letter.body[:MAX_INDEXED_CHARS], letter.reply_text[:MAX_INDEXED_CHARS]]
    words = sorted({word for text in texts for word in segment.tokens(masked_text(letter, text))})
    return f" {' '.join(words)} " if words else ""


def refresh_words(letter: Letter) -> None:
    """Store the letter's search words if they changed (a queryset update: no signal again)."""
    if not is_public(letter) and not letter.public_words:
        return
    words = words_of(letter)
    if words != letter.public_words:
        Letter.objects.filter(pk=letter.pk).update(public_words=words)
        letter.public_words = words


def on_letter_saved(sender: type[Letter], instance: Letter, **kwargs: Any) -> None:
    """``post_save`` of a letter: keep its search words in step with what is published."""
    if kwargs.get("raw"):
        return
    refresh_words(instance)


# --- The list ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterPage:
    q: str
    count: int
    page: int
    page_size: int
    letters: list[Letter] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _with_every_word(letters: QuerySet[Letter], terms: list[str]) -> QuerySet[Letter]:
    """``letters`` whose words hold every one of ``terms``, found in the full-text index.

    The SQL text is the project's own; the words are parameters, quoted for the engine."""
    if connection.vendor == "sqlite":
        lookup = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return letters.filter(pk__in=RawSQL(lookup, [fulltext.fts5_all(terms)]))  # noqa: S611
    if connection.vendor == "postgresql":
        tsquery, params = fulltext.tsquery_all(terms)
        matches = f"{Letter._meta.db_table}.public_vector @@ {tsquery}"
        return letters.filter(RawSQL(matches, params, output_field=BooleanField()))  # noqa: S611
    raise NotImplementedError(f"no letter search on the {connection.vendor} database engine")


def search(
    *,
    q: str = "",
    agency: Agency | None = None,
    kind: str = "",
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> LetterPage:
    """One page of public letters (of ``agency`` and those below it, of ``kind``), newest reply first;
    with ``q``, those holding every word of it. The caller checks the input's bounds."""
    q = " ".join(q.split())
    letters = public_letters()
    if agency is not None:
        letters = letters.filter(agency__path__startswith=agency.path)
    if kind:
        letters = letters.filter(kind=kind)
    if q:
        terms = segment.query_tokens(q)
        if not terms:
            return LetterPage(q, 0, page, page_size)
        letters = _with_every_word(letters, terms)
    return LetterPage(q, letters.count(), page, page_size, list(letters[page_slice(page, page_size)]))


def _public_conditions(agency: Agency | None) -> tuple[list[str], list[Any]]:
    """``public_letters()`` as SQL conditions on letter ``l`` and its agency ``a`` (in ``agency``'s
    subtree when given)."""
    statuses = sorted(ANSWERED_STATUSES)
    where = [
        "l.reply_published",
        "l.publish_consent",
        f"l.status IN ({', '.join(['%s'] * len(statuses))})",
        "a.is_active",
    ]
    params: list[Any] = list(statuses)
    if agency is not None:
        prefix = agency.path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("a.path LIKE %s ESCAPE '\\'")
        params.append(prefix + "%")
    return where, params


def _best_with_any_word(terms: list[str], agency: Agency | None, limit: int) -> tuple[str, list[Any]]:
    """(SQL, parameters) of the ids of the ``limit`` public letters holding any of ``terms``, the best
    ranked first (see ``suggestions``), then the newest reply."""
    letters, agencies = Letter._meta.db_table, Agency._meta.db_table
    where, params = _public_conditions(agency)
    if connection.vendor == "sqlite":
        # CROSS JOIN keeps the full-text lookup the outer loop: each match is then checked by id.
        return (
            f"SELECT l.id FROM {FTS_TABLE} CROSS JOIN {letters} l ON l.id = {FTS_TABLE}.rowid "  # noqa: S608
            f"CROSS JOIN {agencies} a ON a.id = l.agency_id "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)} "
            f"ORDER BY bm25({FTS_TABLE}), l.replied_on DESC, l.id DESC LIMIT %s",
            [fulltext.fts5_any(terms), *params, limit],
        )
    if connection.vendor == "postgresql":
        tsquery, words = fulltext.tsquery_any(terms)
        return (
            f"SELECT l.id FROM {letters} l JOIN {agencies} a ON a.id = l.agency_id "  # noqa: S608
            f"WHERE l.public_vector @@ {tsquery} AND {' AND '.join(where)} "
            # ts_rank, not ts_rank_cd: cover density costs several times more on an OR of words.
            f"ORDER BY ts_rank(l.public_vector, {tsquery}) DESC, l.replied_on DESC, l.id DESC LIMIT %s",
            [*words, *params, *words, limit],
        )
    raise NotImplementedError(f"no letter suggestions on the {connection.vendor} database engine")


def suggestions(q: str, agency: Agency | None = None, limit: int = 3) -> list[Letter]:
    """The best few public letters for a text being written: those sharing the most of its words.

    One full-text look-up of the public letters holding any of the text's words of two characters or
    more (at most ``SUGGESTION_TERMS``), ranked by the engine (SQLite ``bm25``: more of the words, and
    rarer ones, rank higher; PostgreSQL ``ts_rank``: more of the words, and more often), newer replies
    first among equals."""
    terms = [t for t in dict.fromkeys(segment.query_tokens(q)) if len(t) > 1][:SUGGESTION_TERMS]
    if not terms:
        return []
    sql, params = _best_with_any_word(terms, agency, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        best = [row[0] for row in cursor.fetchall()]
    found = {letter.pk: letter for letter in public_letters().filter(pk__in=best)}
    return [found[pk] for pk in best if pk in found]  # never shown when not public, whatever the index
