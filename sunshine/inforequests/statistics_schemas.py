"""The JSON of the public statistics of requests, as typed schemas (listed in /api/v1/docs): exactly
what ``statistics_api.statistics_data`` gives."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class RatioOut(Schema):
    numerator: int = Field(description="Replies of the year given by their due date.")
    denominator: int = Field(description="Replies of the year whose due date is known.")
    rate: float | None = Field(
        description="numerator / denominator, rounded to 4 places; none without replies."
    )


class RequestStatisticsOut(Schema):
    agency: str = Field(description="The agency's code.")
    year: int
    subtree: bool = Field(description="The figures include every agency below it.")
    received: int
    replied: int
    on_time: RatioOut
    outcomes: dict[str, int] = Field(description="Requests concluded in the year by outcome code.")
