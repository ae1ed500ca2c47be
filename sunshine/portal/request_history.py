"""The history of a request in plain words, as the applicant reads it on the status page.

Only what the applicant may know: dates and what happened. Staff names and internal notes stay out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sunshine.inforequests.applicant_file import public_line
from sunshine.inforequests.models import InfoRequest, RequestEvent


@dataclass(frozen=True)
class Step:
    date: datetime.date
    text: str


def describe(event: RequestEvent) -> str:
    """The line of the applicant's history for ``event``, as its action declares it."""
    return public_line(event)


def history(request: InfoRequest) -> list[Step]:
    return [Step(event.date, describe(event)) for event in request.events.order_by("date", "id")]
