"""Service evaluation in the API: the applicant's rating of a case (POST
/cases/{tracking_code}/evaluation), the public statistics (GET /evaluations/statistics) and, for
staff, the rating link of a case to send by text message (GET /staff/cases/{id}/evaluation-link)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from sunshine.agencies.selectors import get_public_agency
from sunshine.api.auth import staff_auth
from sunshine.cases import selectors as case_selectors
from sunshine.cases.api import for_applicant
from sunshine.evaluations import links, services
from sunshine.evaluations.codes import DIMENSIONS
from sunshine.evaluations.models import Evaluation
from sunshine.evaluations.statistics import Figures, evaluation_statistics

router = Router()
staff_router = Router(auth=staff_auth)


class EvaluationIn(Schema):
    level: Any = Field(None, description="1 very dissatisfied … 5 very satisfied.")
    comment: Any = Field("", description="At most 1000 characters; never published.")
    dimensions: Any = Field(
        None, description="Optional sub-scores 1–5 by name: " + ", ".join(DIMENSIONS) + "."
    )


class EvaluationOut(Schema):
    tracking_code: str
    round: int = Field(description="0 the rating, 1 the appended rating (追评).")
    level: int
    dimensions: dict[str, int]
    rated_on: datetime.date
    rectification_due: datetime.date | None = Field(
        None, description="A bad rating (1 or 2): the day the agency answers it by."
    )


def _evaluation(evaluation: Evaluation) -> dict[str, Any]:
    rectification = getattr(evaluation, "rectification", None)
    assert evaluation.case is not None
    return {
        "tracking_code": evaluation.case.tracking_code,
        "round": evaluation.round,
        "level": evaluation.level,
        "dimensions": evaluation.dimensions,
        "rated_on": evaluation.rated_on,
        "rectification_due": rectification.due_date if rectification is not None else None,
    }


@router.post(
    "/cases/{tracking_code}/evaluation",
    response={201: EvaluationOut},
    auth=None,
    summary="Rate a finished case (好差评)",
    tags=["service evaluation"],
)
def rate_case(
    request: HttpRequest,
    tracking_code: str,
    payload: EvaluationIn,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> Status[dict[str, Any]]:
    """The applicant's rating (``X-Access-Key``; a wrong key counts as a failed try) of a decided,
    delivered or not accepted case; the second POST is the appended rating (追评); a third answers
    409 ``already_evaluated``, a case still under way 409 ``not_finished``. A level of 1 or 2 opens
    a rectification for the agency."""
    case = for_applicant(request, tracking_code, x_access_key)
    evaluation = services.rate_case(
        case=case, level=payload.level, comment=payload.comment, dimensions=payload.dimensions
    )
    return Status(201, _evaluation(evaluation))


class StatisticsFilters(Schema):
    agency: str | None = Field(None, max_length=40, description="An agency's code: it and those below it.")
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")


class RatedAgencyOut(Schema):
    code: str
    name: str


class RatingSatisfactionOut(Schema):
    numerator: int = Field(description="ratings of levels 3–5")
    denominator: int = Field(description="every rating")
    percent: str | None = Field(
        description="numerator / denominator in per cent, one decimal; null without ratings"
    )


class RatingFiguresOut(Schema):
    agency: RatedAgencyOut | None = Field(description="null in the total")
    levels: dict[str, int] = Field(description="ratings per level, 5 … 1")
    total: int
    satisfaction: RatingSatisfactionOut
    bad: int = Field(description="ratings of levels 1–2")
    bad_case_ratings: int
    rectified: int
    appended: int


class RatingStatisticsOut(Schema):
    date_from: datetime.date | None = Field(alias="from")
    date_to: datetime.date | None = Field(alias="to")
    total: RatingFiguresOut
    agencies: list[RatingFiguresOut]


def _figures(figures: Figures) -> dict[str, Any]:
    agency = figures.agency
    return {
        "agency": {"code": agency.code, "name": agency.display_name} if agency is not None else None,
        **figures.as_dict(),
    }


@router.get(
    "/evaluations/statistics",
    response=RatingStatisticsOut,
    by_alias=True,
    auth=None,
    summary="Statistics of the ratings",
    tags=["service evaluation"],
)
def statistics(request: HttpRequest, filters: Query[StatisticsFilters]) -> dict[str, Any]:
    """Per agency: the ratings per level (5 very satisfied … 1 very dissatisfied), the satisfaction
    rate as ``numerator`` (levels 3–5) over ``denominator`` (all), the bad ratings (1–2), those of
    cases and how many were rectified. No comments, no personal data."""
    agency = get_public_agency(filters.agency) if filters.agency else None
    found = evaluation_statistics(agency=agency, date_from=filters.date_from, date_to=filters.date_to)
    return {
        "from": found.date_from,
        "to": found.date_to,
        "total": _figures(found.total),
        "agencies": [_figures(f) for f in found.rows],
    }


class LinkOut(Schema):
    path: str
    expires_on: datetime.date


@staff_router.get(
    "/{case_id}/evaluation-link",
    response=LinkOut,
    summary="The rating link of a case, to send by text message",
)
def evaluation_link(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """A signed link that opens the rating form of the case without the access key, valid for
    ``SUNSHINE_EVALUATION_LINK_DAYS`` days; for staff of the case's agency."""
    case = case_selectors.get_case_for_staff(request.user, case_id)
    return {"path": links.link_for(case), "expires_on": links.expires_on()}


routers = Router()
routers.add_router("", router)
routers.add_router("/staff/cases", staff_router, tags=["service evaluation"])
