"""Published records in the search index (sunshine.search).

The index holds exactly what ``selectors.published_records()`` answers: one entry per published
record, keyed ``"record:<record id>"``, with the text of its current published revision (the text of
the body and of its attachments, as the public reads it: the masked copy where a reviewer masked
privacy findings, never the staff's original). ``sync_record`` brings one record's entry in line with what is
public now; the publishing services call it inside their own transaction, so a publication, a new
published revision (the old text is replaced under the same key), a withdrawal or a change of
validity reaches the index together with the record, or not at all: a withdrawn record is gone from
the very next search. ``rebuild`` makes the whole index again (``manage.py reindex_records``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import F, Prefetch, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sunshine.records.models import Attachment, Revision
from sunshine.records.selectors import published_records
from sunshine.search import services as search
from sunshine.search.documents import SearchDocument
from sunshine.search.models import SearchEntry

KEY_PREFIX = "record:"


def record_key(record_id: int) -> str:
    return f"{KEY_PREFIX}{record_id}"


def record_id_of(key: str) -> int | None:
    """The record id of an index key, or None for a key that is not a record's."""
    if not key.startswith(KEY_PREFIX):
        return None
    number = key[len(KEY_PREFIX) :]
    return int(number) if number.isdigit() else None


def record_url(index_number: str) -> str:
    """The public page of a record: ``/records/<index number>/`` (route ``portal:record_detail``)."""
    try:
        return reverse("portal:record_detail", kwargs={"index_number": index_number})
    except NoReverseMatch:  # the portal page is not routed (yet): the same address, built here
        return f"/records/{quote(index_number, safe='/')}/"


def published_on(revision: Revision) -> datetime.date:
    """The record's publication date (发布日期): the day it was first published, Beijing time."""
    moment = revision.record.first_published_at or revision.published_at or timezone.now()
    return timezone.localdate(moment)


def _with_attachment_text(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    texts = Attachment.objects.only(
        "id", "revision_id", "text", "masked_file", "masked_text", "position"
    ).order_by("position", "pk")
    return revisions.prefetch_related(Prefetch("attachments", queryset=texts))


def document(revision: Revision) -> SearchDocument:
    """A published revision as the index sees it (attachments prefetched or read here)."""
    record = revision.record
    if record.index_number is None:  # published_records() never answers one
        raise ValueError(f"record {record.pk} has no index number")
    texts = [revision.public_body_text, *(a.public_text for a in revision.attachments.all() if a.public_text)]
    return SearchDocument(
        key=record_key(record.pk),
        title=revision.title,
        body="\n".join(text for text in texts if text),
        document_number=revision.document_number,
        agency_id=record.agency_id,
        agency_path=record.agency.path,
        category=revision.category.key,
        genre=revision.genre,
        published_on=published_on(revision),
        validity=record.validity,
        url=record_url(record.index_number),
    )


def sync_record(record_id: int) -> None:
    """Put the record's current published revision in the index, or take the record out of it when
    nothing of it is public (withdrawn, not yet published). Runs in the caller's transaction."""
    revision = _with_attachment_text(published_records().filter(record_id=record_id)).first()
    if revision is None:
        search.remove_documents([record_key(record_id)])
    else:
        search.index_documents([document(revision)])


# The columns of a published revision that a document is made of (``document`` reads the same);
# "published" is the record's first publication, or this revision's (``published_on``); "published_text" the
# masked copy of the text where there is one (``Revision.public_body_text``).
_ROW_FIELDS = (
    "pk",
    "title",
    "published_text",
    "document_number",
    "genre",
    "published",
    "category__key",
    "record_id",
    "record__index_number",
    "record__validity",
    "record__agency_id",
    "record__agency__path",
)
# Index numbers made only of these characters appear in a URL as they are (nothing to quote).
# (no dots: reverse() escapes "." and ".." path segments).
_PLAIN_INDEX_NUMBER = re.compile(r"[A-Za-z0-9_~-]+(?:/[A-Za-z0-9_~-]+)*")
_URL_MARK = "INDEX-NUMBER"
CHUNK_SIZE = 2000


class RecordUrls:
    """``record_url`` for many records: the route is reversed once and plain index numbers are put in
    its place; any other index number goes through ``record_url``."""

    def __init__(self) -> None:
        head, mark, tail = record_url(_URL_MARK).partition(_URL_MARK)
        self.parts = (head, tail) if mark else None

    def __call__(self, index_number: str) -> str:
        if self.parts is None or not _PLAIN_INDEX_NUMBER.fullmatch(index_number):
            return record_url(index_number)
        return f"{self.parts[0]}{index_number}{self.parts[1]}"


def _masked_or(masked: str, original: str) -> Coalesce:
    """The masked copy of a text where there is one, else the text (``public_body_text``)."""
    return Coalesce(NullIf(F(masked), Value("")), F(original), output_field=TextField())


def _attachment_texts(revisions: QuerySet[Revision]) -> dict[int, list[str]]:
    """The non-empty attachment texts of these revisions, each revision's in attachment order (one
    query: the revisions are a subquery, not a list of ids to send)."""
    texts: dict[int, list[str]] = {}
    rows = (
        Attachment.objects.filter(revision__in=revisions.values("pk"))
        .annotate(published_text=_masked_or("masked_text", "text"))
        .exclude(published_text="")
        .order_by("revision_id", "position", "pk")
        .values_list("revision_id", "published_text")
    )
    for revision_id, text in rows:
        if text:
            texts.setdefault(revision_id, []).append(text)
    return texts


def published_documents(
    first_record_id: int | None = None, last_record_id: int | None = None, *, chunk_size: int = CHUNK_SIZE
) -> Iterator[SearchDocument]:
    """Every published record (with ids in [first_record_id, last_record_id] when given) as a
    document, in record id order: the same documents as ``document``, built from plain rows of
    ``published_records()`` read in chunks along the record id (each chunk one index range), with one
    more query per chunk for the attachments' text. No model instances: this is what a rebuild of a
    million records spends its time on."""
    revisions = published_records().annotate(
        published=Coalesce("record__first_published_at", "published_at"),
        published_text=_masked_or("masked_body_text", "body_text"),
    )
    if first_record_id is not None:
        revisions = revisions.filter(record_id__gte=first_record_id)
    if last_record_id is not None:
        revisions = revisions.filter(record_id__lte=last_record_id)
    url = RecordUrls()
    zone = timezone.get_current_timezone()  # published_on: the day in local time (timezone.localdate)
    after = 0
    while True:
        rows = list(
            revisions.filter(record_id__gt=after).order_by("record_id").values_list(*_ROW_FIELDS)[:chunk_size]
        )
        if not rows:
            return
        attached = _attachment_texts(revisions.filter(record_id__gt=after, record_id__lte=rows[-1][7]))
        after = rows[-1][7]
        for (
            pk,
            title,
            body_text,
            document_number,
            genre,
            published,
            category,
            record_id,
            index_number,
            validity,
            agency_id,
            agency_path,
        ) in rows:
            texts = attached.get(pk)
            body = "\n".join([body_text, *texts] if body_text else texts) if texts else body_text
            yield SearchDocument(
                key=f"{KEY_PREFIX}{record_id}",
                title=title,
                body=body,
                document_number=document_number,
                agency_id=agency_id,
                agency_path=agency_path,
                category=category,
                genre=genre,
                published_on=published.astimezone(zone).date(),
                validity=validity,
                url=url(index_number),
            )
        if len(rows) < chunk_size:
            return


@dataclass(frozen=True)
class RebuildReport:
    indexed: int
    removed: int  # entries of records no longer public, taken out
    seconds: float
    workers: int


def _stale_keys(public: set[int]) -> Iterable[str]:
    keys = SearchEntry.objects.filter(key__startswith=KEY_PREFIX).values_list("key", flat=True)
    return [key for key in keys.iterator(chunk_size=5000) if record_id_of(key) not in public]


def rebuild(*, workers: int = 1, replace_all: bool = False) -> RebuildReport:
    """Index every published record anew and take out the entries of records no longer public.

    Without ``replace_all`` the entries are replaced one by one and searches keep working during the
    rebuild; with it the index is emptied first and loaded in bulk (faster for a large index; searches
    find less until it ends).
    """
    report = search.reindex(published_documents(), workers=workers, replace_all=replace_all)
    public = set(published_records().values_list("record_id", flat=True))
    removed = search.remove_documents(_stale_keys(public)) if not replace_all else 0
    return RebuildReport(
        indexed=report.documents, removed=removed, seconds=report.seconds, workers=report.workers
    )
