"""What other apps call: put documents in the index, take them out, rebuild it, search it.

``index_documents`` and ``remove_documents`` write on the caller's connection inside the caller's
transaction: called from the service that publishes or withdraws a record, the index changes with
the record, or not at all. A withdrawn record is gone from the next search, not from a later one.
The index is derived data: it writes no audit rows (the service that changes the record does).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import transaction

from sunshine.core.parallel import map_in_order, usable_workers
from sunshine.search import backends, segment
from sunshine.search.documents import SearchDocument, SearchPage, SearchQuery


def index_documents(documents: Iterable[SearchDocument]) -> int:
    """Add or replace (by ``key``) these documents in the index; how many were written."""
    with transaction.atomic():
        return backends.get_backend().index(documents)


def remove_documents(keys: Iterable[str]) -> int:
    """Take the documents with these keys out of the index; how many were there."""
    with transaction.atomic():
        return backends.get_backend().remove(keys)


def search(query: SearchQuery) -> SearchPage:
    """One page of results (``SearchQuery`` checks the input and raises ``SearchQueryError``)."""
    return backends.get_backend().search(query)


@dataclass(frozen=True)
class ReindexReport:
    documents: int
    seconds: float
    workers: int

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def reindex(
    source: Iterable[SearchDocument],
    batch_size: int = 2000,
    *,
    workers: int = 1,
    replace_all: bool = False,
) -> ReindexReport:
    """Index every document of ``source``, one transaction per batch.

    ``replace_all`` empties the index first and lets the engine load in bulk (on PostgreSQL the GIN
    index is built again at the end): searches find less until the rebuild ends.
    ``workers`` > 1 segments the batches in that many forked processes while this one writes: the
    segmenter is the slow part. Where processes cannot be forked (not Unix), it runs here alone.
    """
    backend = backends.get_backend()
    began = time.perf_counter()
    if replace_all:
        backend.clear()
    with bulk_loading(backend) if replace_all else nullcontext():
        written, workers = _load(backend, source, batch_size, workers)
    return ReindexReport(documents=written, seconds=time.perf_counter() - began, workers=workers)


def _load(
    backend: backends.SearchBackend, source: Iterable[SearchDocument], batch_size: int, workers: int
) -> tuple[int, int]:
    """(documents written, processes that segmented them). The source is read here, in this thread
    (it may be a queryset on this connection); the workers only segment."""
    segment.dictionary()  # loaded once here, shared by the forked workers
    batches = backends.batched(source, batch_size)
    written = sum(_write(backend, rows) for rows in map_in_order(backends.prepare_batch, batches, workers))
    return written, usable_workers(workers)


@contextmanager
def bulk_loading(backend: backends.SearchBackend) -> Iterator[None]:
    """Around filling an empty index with many documents: the engine may drop what slows it first
    and puts it back after, even when the load fails."""
    backend.begin_bulk_load()
    try:
        yield
    finally:
        backend.end_bulk_load()


def _write(backend: backends.SearchBackend, rows: list[backends.PreparedRow]) -> int:
    with transaction.atomic():
        backend.write(rows)
    return len(rows)
