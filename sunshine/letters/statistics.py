"""Figures of letters per agency and period (docs/letters.md#statistics).

The letters counted are those **received** in the period (``received_on`` from ``date_from`` to
``date_to``, both included) and handled now by the agency or one below it (all agencies when none is
given). Of those:

- **replied**: the letter has its reply now (replied, or closed after the reply); a reopened letter
  waiting for its new reply is not counted as replied;
- **replied on time**: of the replied letters, those replied on or before their due date (the due
  date of the period the reply ended: after a transfer or a reopening, the new period's);
  ``on_time`` / ``replied`` with the quotient;
- **average working days**: from the day of receipt to the day of the reply, on the project's
  working-day clock (the working days after receipt up to and including the reply day), over the
  replied letters, one decimal;
- **satisfaction**: the writer's latest rating of each letter, counted per code
  (``satisfied``, ``basically_satisfied``, ``dissatisfied``); the share satisfied is
  (satisfied + basically satisfied) / rated letters.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from sunshine.agencies.models import Agency
from sunshine.letters.codes import ANSWERED_STATUSES, Rating
from sunshine.letters.models import Letter, LetterRating
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, working_days_between


@dataclass(frozen=True)
class Share:
    count: int
    of: int

    @property
    def rate(self) -> float | None:
        return round(self.count / self.of, 4) if self.of else None


@dataclass(frozen=True)
class LetterFigures:
    agency: Agency | None
    date_from: datetime.date
    date_to: datetime.date
    received: int
    replied: int
    on_time: Share
    average_working_days: float | None
    ratings: dict[str, int] = field(default_factory=dict)

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfied(self) -> Share:
        good = self.ratings.get(Rating.SATISFIED, 0) + self.ratings.get(Rating.BASICALLY_SATISFIED, 0)
        return Share(good, self.rated)


def _received(agency: Agency | None, date_from: datetime.date, date_to: datetime.date) -> QuerySet[Letter]:
    letters = Letter.objects.filter(received_on__gte=date_from, received_on__lte=date_to)
    if agency is not None:
        letters = letters.filter(agency__path__startswith=agency.path)
    return letters


def figures(*, agency: Agency | None, date_from: datetime.date, date_to: datetime.date) -> LetterFigures:
    received = _received(agency, date_from, date_to)
    replied = received.filter(status__in=sorted(ANSWERED_STATUSES), replied_on__isnull=False)
    counts = replied.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(due_date__isnull=False, replied_on__lte=F("due_date"))),
    )
    calendar = current_calendar()
    days: list[int] = []
    for received_on, replied_on in replied.values_list("received_on", "replied_on").iterator(chunk_size=5000):
        if replied_on is None:
            continue
        try:
            days.append(
                working_days_between(received_on, replied_on, calendar) if replied_on > received_on else 0
            )
        except CalendarNotPublished:
            continue
    latest = LetterRating.objects.filter(letter=OuterRef("pk")).order_by("-round").values("rating")[:1]
    ratings: dict[str, int] = dict.fromkeys(Rating.values, 0)
    for row in (
        received.annotate(last_rating=Subquery(latest))
        .filter(last_rating__isnull=False)
        .values("last_rating")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        ratings[row["last_rating"]] = row["n"]
    return LetterFigures(
        agency=agency,
        date_from=date_from,
        date_to=date_to,
        received=received.count(),
        replied=int(counts["total"]),
        on_time=Share(int(counts["on_time"]), int(counts["total"])),
        average_working_days=round(sum(days) / len(days), 1) if days else None,
        ratings=ratings,
    )
