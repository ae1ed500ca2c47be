"""The staff queue of open letters, as the API and the page read it: the person's letters
(``selectors.staff_letter_parts``), open, nearest due date first, optionally only the red-marked ones
(``red_mark``), with how many are due soon, overdue and red.

Fast on a large database (docs/letters.md#performance): the letters of the person's agencies and those
they transferred away are read apart (no ``OR``, so each is one index range), each part gives at most
one page in the queue's order (``letter_queue_order_idx`` or ``letter_queue_agency_idx``) and the two
are merged here; the counts are one aggregate a part, read from the covering agency index."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet

from sunshine.letters import selectors
from sunshine.letters.clock import Thresholds
from sunshine.letters.codes import OPEN_STATUSES, PAUSED_STATUSES
from sunshine.letters.models import Letter
from sunshine.letters.red_mark import latest_red_receipt, only_red
from sunshine.letters.selectors import AnyUser

PAGE_SIZE = 50
ORDER = ("due_date", "received_on", "id")


@dataclass(frozen=True)
class Queue:
    page: list[Letter]  # the first page, in the queue's order
    count: int
    due_soon: int
    overdue: int
    red: int


def _counts(letters: QuerySet[Letter], limits: Thresholds) -> dict[str, Any]:
    running = Q(due_date__isnull=False) & ~Q(status__in=PAUSED_STATUSES)
    soon = Q(due_date__gte=limits.today)
    if limits.due_soon_until is not None:
        soon &= Q(due_date__lte=limits.due_soon_until)
    return letters.order_by().aggregate(
        count=Count("pk"),
        due_soon=Count("pk", filter=running & soon),
        overdue=Count("pk", filter=running & Q(due_date__lt=limits.today)),
        red=Count("pk", filter=Q(received_on__lte=latest_red_receipt(limits.today))),
    )


def _order_key(letter: Letter) -> tuple[Any, ...]:
    """The database's order of ``ORDER``: a letter without a due date (paused) comes first on SQLite,
    last on PostgreSQL, as each sorts NULL."""
    nulls_first = connection.vendor == "sqlite"
    missing = letter.due_date is None
    return (missing != nulls_first, letter.due_date or datetime.date.min, letter.received_on, letter.pk)


def open_letters(user: AnyUser, limits: Thresholds, *, red: bool = False, size: int = PAGE_SIZE) -> Queue:
    def chosen(part: QuerySet[Letter]) -> QuerySet[Letter]:
        part = part.filter(status__in=OPEN_STATUSES)
        return only_red(part, limits.today) if red else part

    counts = [_counts(chosen(part), limits) for part in selectors.staff_letter_parts(user)]
    pages = [
        chosen(part).order_by(*ORDER)[:size] for part in selectors.staff_letter_parts(user, for_page=True)
    ]
    page = sorted((letter for part in pages for letter in part), key=_order_key)
    return Queue(
        page=page[:size],
        **{name: sum(c[name] for c in counts) for name in ("count", "due_soon", "overdue", "red")},
    )
