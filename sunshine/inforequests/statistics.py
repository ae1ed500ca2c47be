"""Public figures on requests for one agency and one year: counts only, never personal data.

Definitions (the portal's statistics page and the API repeat them):

- **received**: requests whose day of receipt (``received_on``, 条例 Art. 31) falls in the year.
- **replied**: requests answered with a reply (status "replied") whose reply date (``concluded_on``)
  falls in the year, whenever they were received.
- **closed** / **withdrawn**: requests concluded in the year without a reply: closed because no
  correction came within the period (条例 Art. 30), or because the fee was not paid in time or the
  applicant declined it (both outcome ``other_fee_unpaid``), or withdrawn by the applicant.
- **on time**: the numerator counts the replies of the year given on or before the due date as it
  stood at the reply (the 20 working days of 条例 Art. 33, with any extension, and without the
  correction and consultation periods); the denominator is every reply of the year whose due date
  is known (requests imported from before the platform may have none). Withdrawn and closed
  requests are in neither, because no reply was due. The rate is numerator / denominator,
  ``None`` when there was no reply.
- **outcomes**: every request concluded in the year counted by its outcome code, as in table 3 of
  the annual report; a withdrawn request counts as "other".

Each figure comes from aggregate queries (two per call), not from a loop over requests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Min, Q, QuerySet

from sunshine.agencies.models import Agency
from sunshine.inforequests.codes import Outcome, Status
from sunshine.inforequests.models import InfoRequest


@dataclass(frozen=True)
class Ratio:
    """A share that is always published with both of its parts."""

    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        if self.denominator == 0:
            return None
        return round(self.numerator / self.denominator, 4)

    @property
    def percent(self) -> float | None:
        rate = self.rate
        return None if rate is None else round(rate * 100, 1)


@dataclass(frozen=True)
class RequestStatistics:
    agency: Agency
    year: int
    include_subtree: bool
    received: int
    replied: int
    closed: int
    withdrawn: int
    on_time: Ratio
    outcomes: dict[str, int]

    @property
    def concluded(self) -> int:
        return self.replied + self.closed + self.withdrawn


def _requests_of(agency: Agency, include_subtree: bool) -> QuerySet[InfoRequest]:
    if include_subtree:
        return InfoRequest.objects.filter(agency__path__startswith=agency.path)
    return InfoRequest.objects.filter(agency=agency)


def request_statistics(*, agency: Agency, year: int, include_subtree: bool = False) -> RequestStatistics:
    """The figures of ``agency`` (with every agency below it if ``include_subtree``) for ``year``."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    received_in_year = Q(received_on__gte=first, received_on__lte=last)
    concluded_in_year = Q(concluded_on__gte=first, concluded_on__lte=last)
    replied = concluded_in_year & Q(status=Status.REPLIED)
    requests = _requests_of(agency, include_subtree).filter(received_in_year | concluded_in_year)
    counts = requests.aggregate(
        received=Count("pk", filter=received_in_year),
        replied=Count("pk", filter=replied),
        on_time=Count("pk", filter=replied & Q(due_date__isnull=False, concluded_on__lte=F("due_date"))),
        # Requests imported from before the platform may have no known due date: they cannot be
        # judged on time or late, so they stay out of the denominator too.
        timed=Count("pk", filter=replied & Q(due_date__isnull=False)),
        closed=Count("pk", filter=concluded_in_year & Q(status=Status.CLOSED)),
        withdrawn=Count("pk", filter=concluded_in_year & Q(status=Status.WITHDRAWN)),
    )
    rows = requests.filter(concluded_in_year).exclude(outcome="").values("outcome").annotate(n=Count("pk"))
    by_outcome = {row["outcome"]: row["n"] for row in rows.order_by()}
    return RequestStatistics(
        agency=agency,
        year=year,
        include_subtree=include_subtree,
        received=counts["received"],
        replied=counts["replied"],
        closed=counts["closed"],
        withdrawn=counts["withdrawn"],
        on_time=Ratio(numerator=counts["on_time"], denominator=counts["timed"]),
        outcomes={code: by_outcome.get(code, 0) for code in Outcome.values},
    )


def first_year_of(agency: Agency, include_subtree: bool = False) -> int | None:
    """The earliest year in which the agency (or its subtree) received or concluded a request."""
    earliest = _requests_of(agency, include_subtree).aggregate(
        received=Min("received_on"), concluded=Min("concluded_on")
    )
    years = [day.year for day in earliest.values() if day is not None]
    return min(years) if years else None
