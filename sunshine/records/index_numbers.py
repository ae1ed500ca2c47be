"""Index numbers (索引号): ``<agency code>/<year>-<5-digit sequence>``, given at first publication.

The national guide (政府信息公开目录系统实施指引; docs/legal.md#proactive-publication) makes the
index number the one permanent identifier of a piece of information: generated from the publication
date, unique, never changed and never reused. The sequence comes from a counter row per agency and
year, locked with SELECT ... FOR UPDATE, so that two publications at the same moment never get the
same number; on SQLite, whose transactions here begin IMMEDIATE (settings), writers queue up
before reading it.
"""

from __future__ import annotations

from django.db import transaction

from sunshine.agencies.models import Agency
from sunshine.records.models import IndexCounter, Record

INDEX_FORMAT = "{code}/{year}-{seq:05d}"


def format_index_number(code: str, year: int, seq: int) -> str:
    return INDEX_FORMAT.format(code=code, year=year, seq=seq)


def allocate(agency: Agency, year: int) -> str:
    """The next free index number of ``agency`` for ``year``; call it inside the publishing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate index numbers inside the transaction that publishes the record")
    IndexCounter.objects.get_or_create(agency=agency, year=year)
    counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
    while True:
        counter.last += 1
        number = format_index_number(agency.code, year, counter.last)
        # Numbers taken outside the counter (records imported with their old numbers) are skipped.
        if not Record.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number
