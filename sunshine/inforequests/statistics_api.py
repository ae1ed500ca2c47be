"""Public statistics of requests in the API: GET /api/v1/statistics/requests?agency=CODE&year=YYYY."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.agencies.selectors import get_public_agency
from sunshine.inforequests.statistics import RequestStatistics, request_statistics
from sunshine.inforequests.statistics_schemas import RequestStatisticsOut

router = Router()

MIN_YEAR = 2008  # the first Regulations on the Disclosure of Government Information took effect in 2008


class StatisticsQuery(Schema):
    agency: str = Field(min_length=1, max_length=40)
    year: int | None = Field(None, ge=MIN_YEAR, le=2100)
    subtree: bool = False


def statistics_data(figures: RequestStatistics) -> dict[str, Any]:
    return {
        "agency": figures.agency.code,
        "year": figures.year,
        "subtree": figures.include_subtree,
        "received": figures.received,
        "replied": figures.replied,
        "on_time": {
            "numerator": figures.on_time.numerator,
            "denominator": figures.on_time.denominator,
            "rate": figures.on_time.rate,
        },
        "outcomes": figures.outcomes,
    }


@router.get(
    "/requests",
    response=RequestStatisticsOut,
    auth=None,
    summary="Statistics of requests for one agency and year",
)
def request_figures(request: HttpRequest, filters: Query[StatisticsQuery]) -> dict[str, Any]:
    """Counts for the agency ``agency`` (and, with ``subtree=true``, every agency below it) in
    ``year`` (default: this year). ``received``: received in the year; ``replied``: replied in the
    year; ``on_time``: ``numerator`` replies of the year given by their due date, ``denominator``
    all replies of the year (withdrawn requests are in neither), ``rate`` their quotient or null;
    ``outcomes``: requests concluded in the year by outcome code (withdrawn ones count as
    ``other``). No personal data. An unknown agency answers 404."""
    agency = get_public_agency(filters.agency)
    year = filters.year or timezone.localdate().year
    return statistics_data(request_statistics(agency=agency, year=year, include_subtree=filters.subtree))
