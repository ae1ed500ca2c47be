"""Table 2 of the annual report, first part (第二十条第（一）项): rules (规章) and normative documents
(行政规范性文件) issued, repealed and in force, counted from the published records in one query.

The records app has no genre for either, so they are recognised by where and how they are published:
- 行政规范性文件: records in the catalogue category ``normative_documents`` (行政规范性文件), of any genre;
- 规章: records in any other category whose genre is 规定 or 办法 (the names rules take,
  规章制定程序条例 Art. 6) and whose document number is a decree number (政府令 / 部令, "令" in it:
  rules are promulgated by decree, Art. 31). Other 规定 and 办法 are ordinary documents.

For year Y, counting the current published revision of each record of the agency (or its tree):
- 本年制发件数: first published in Y;
- 本年废止件数: validity changed to repealed or expired (废止 / 失效) with a date in Y;
- 现行有效件数: first published by 31 December of Y and in force on that day (valid, or its force
  ended only after that day).
Withdrawn records are not counted: they are no longer public.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sunshine.annualreports.layout import (
    DOCUMENT_COLUMN_CODES,
    DOCUMENT_ROWS,
    IN_FORCE,
    ISSUED,
    NORMATIVE_DOCUMENTS,
    REGULATIONS,
    REPEALED,
)
from sunshine.records.catalogue import NORMATIVE_DOCUMENTS as NORMATIVE_CATEGORY
from sunshine.records.codes import Genre, Status, Validity
from sunshine.records.models import Revision

Table = dict[str, dict[str, int]]

REGULATION_GENRES = (Genre.PROVISIONS, Genre.MEASURES)
DECREE_MARK = "令"
REPEAL_VALIDITY = (Validity.REPEALED, Validity.EXPIRED)

# Read from the published revision: its category, genre and number are single-valued.
IS_NORMATIVE = Q(category__key=NORMATIVE_CATEGORY)
IS_REGULATION = (
    ~Q(category__key=NORMATIVE_CATEGORY)
    & Q(genre__in=REGULATION_GENRES)
    & Q(document_number__contains=DECREE_MARK)
)


def _year_start(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _cells(kind: Q, year: int) -> dict[str, Any]:
    first, after = _year_start(year), _year_start(year + 1)
    last_day = datetime.date(year, 12, 31)
    in_force_then = Q(record__validity=Validity.VALID) | Q(record__validity_changed_on__gt=last_day)
    return {
        ISSUED: Count(
            "id", filter=kind & Q(record__first_published_at__gte=first, record__first_published_at__lt=after)
        ),
        REPEALED: Count(
            "id",
            filter=kind
            & Q(
                record__validity__in=REPEAL_VALIDITY,
                record__validity_changed_on__gte=datetime.date(year, 1, 1),
                record__validity_changed_on__lte=last_day,
            ),
        ),
        IN_FORCE: Count("id", filter=kind & Q(record__first_published_at__lt=after) & in_force_then),
    }


def documents_table(revisions: QuerySet[Revision], year: int) -> Table:
    """{"regulations"|"normative_documents": {"issued", "repealed", "in_force": n}} for the records of
    ``revisions`` (already scoped to an agency or a tree). One aggregate query."""
    kinds = {REGULATIONS: IS_REGULATION, NORMATIVE_DOCUMENTS: IS_NORMATIVE}
    aggregates: dict[str, Any] = {}
    for row, kind in kinds.items():
        for column, expression in _cells(kind, year).items():
            aggregates[f"{row}__{column}"] = expression
    # At most one revision of a record is published: one row per record.
    counted = revisions.filter(status=Status.PUBLISHED, record__index_number__isnull=False).aggregate(
        **aggregates
    )
    return {
        line.code: {column: int(counted[f"{line.code}__{column}"] or 0) for column in DOCUMENT_COLUMN_CODES}
        for line in DOCUMENT_ROWS
    }


def empty_documents() -> Table:
    return {line.code: dict.fromkeys(DOCUMENT_COLUMN_CODES, 0) for line in DOCUMENT_ROWS}
