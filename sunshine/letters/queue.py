"""The staff queue of open letters, as the API and the page read it: the person's letters
(``selectors.letters_for_staff``), open, nearest due date first, optionally only the red-marked ones
(``red_mark``), with how many are due soon, overdue and red — counted by the database, one query,
whatever the number of letters."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sunshine.letters import selectors
from sunshine.letters.clock import Thresholds
from sunshine.letters.codes import OPEN_STATUSES, PAUSED_STATUSES
from sunshine.letters.models import Letter
from sunshine.letters.red_mark import latest_red_receipt, only_red
from sunshine.letters.selectors import AnyUser

PAGE_SIZE = 50


@dataclass(frozen=True)
class Queue:
    letters: QuerySet[Letter]  # ordered; slice it for a page
    count: int
    due_soon: int
    overdue: int
    red: int


def open_letters(user: AnyUser, limits: Thresholds, *, red: bool = False) -> Queue:
    letters = selectors.letters_for_staff(user).filter(status__in=OPEN_STATUSES)
    if red:
        letters = only_red(letters, limits.today)
    running = Q(due_date__isnull=False) & ~Q(status__in=PAUSED_STATUSES)
    soon = Q(due_date__gte=limits.today)
    if limits.due_soon_until is not None:
        soon &= Q(due_date__lte=limits.due_soon_until)
    counts = letters.order_by().aggregate(
        count=Count("pk"),
        due_soon=Count("pk", filter=running & soon),
        overdue=Count("pk", filter=running & Q(due_date__lt=limits.today)),
        red=Count("pk", filter=Q(received_on__lte=latest_red_receipt(limits.today))),
    )
    return Queue(
        letters=letters.order_by("due_date", "received_on", "id"),
        count=counts["count"],
        due_soon=counts["due_soon"],
        overdue=counts["overdue"],
        red=counts["red"],
    )
