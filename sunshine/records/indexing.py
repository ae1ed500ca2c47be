"""Published records in the search index (sunshine.search).

The index holds exactly what ``selectors.published_records()`` answers: one entry per published
record, keyed ``"record:<record id>"``, with the text of its current published revision (the text of
the body and of its attachments). ``sync_record`` brings one record's entry in line with what is
public now; the publishing services call it inside their own transaction, so a publication, a new
published revision (the old text is replaced under the same key), a withdrawal or a change of
validity reaches the index together with the record, or not at all: a withdrawn record is gone from
the very next search. ``rebuild`` makes the whole index again (``manage.py reindex_records``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Prefetch, QuerySet
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
    texts = Attachment.objects.only("id", "revision_id", "text", "position").order_by("position", "pk")
    return revisions.prefetch_related(Prefetch("attachments", queryset=texts))


def document(revision: Revision) -> SearchDocument:
    """A published revision as the index sees it (attachments prefetched or read here)."""
    record = revision.record
    if record.index_number is None:  # published_records() never answers one
        raise ValueError(f"record {record.pk} has no index number")
    texts = [revision.body_text, *(a.text for a in revision.attachments.all() if a.text)]
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


def published_documents() -> Iterator[SearchDocument]:
    """Every published record as a document, in id order, read in chunks."""
    revisions = _with_attachment_text(published_records().order_by("pk"))
    for revision in revisions.iterator(chunk_size=1000):
        yield document(revision)


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
