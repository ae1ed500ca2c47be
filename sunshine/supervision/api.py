"""Electronic supervision in the API, for the disclosure office and supervisors (their subtrees):
``GET /supervision/cases?level=&agency=`` (paged) and ``GET /supervision/agencies/{code}?from=&to=``
(docs/supervision.md#api)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.core.pagination import PageNumber, page_slice
from sunshine.supervision import selectors
from sunshine.supervision.periods import period

router = Router(auth=staff_auth)
PAGE_SIZE = 50


class CasesQuery(Schema):
    level: Literal["yellow", "red"] | None = None
    agency: str = Field("", max_length=40, description="an agency's code: its subtree only")
    page: PageNumber = 1


class PeriodQuery(Schema):
    start: datetime.date | None = Field(None, alias="from")
    end: datetime.date | None = Field(None, alias="to")


class SupervisedCaseOut(Schema):
    id: int
    tracking_code: str
    agency: str
    service: str
    status: str
    accepted_on: datetime.date | None
    due_date: datetime.date | None
    promised_date: datetime.date | None
    promised_level: str
    statutory_level: str
    overrun_steps: list[str]
    anomalies: list[str]


class CasePageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[SupervisedCaseOut]


class FigureOut(Schema):
    numerator: int
    denominator: int
    rate: float | None


class AgencyFiguresOut(Schema):
    agency: str
    name: str
    start: datetime.date = Field(..., alias="from")
    end: datetime.date = Field(..., alias="to")
    figures: dict[str, FigureOut]
    agencies: list[dict[str, Any]]


def _forbidden() -> ApiProblem:
    return ApiProblem(
        403, "permission_denied", _("Only the disclosure office and supervisors read electronic supervision.")
    )


@router.get("/cases", response=CasePageOut, summary="Open cases by supervision level")
def supervised_cases(request: HttpRequest, filters: Query[CasesQuery]) -> dict[str, Any]:
    """The open cases with a yellow or red level (or only ``level``) as of the last sweep, in the
    person's subtrees or ``agency``'s, the earliest promised date first, 50 a page."""
    if not selectors.may_supervise_any(request.user):
        raise _forbidden()
    agency = selectors.get_supervised_agency(request.user, filters.agency) if filters.agency else None
    found = selectors.cases_by_level(request.user, filters.level, agency)
    shown = found[page_slice(filters.page, PAGE_SIZE)]
    return {
        "count": found.count(),
        "page": filters.page,
        "page_size": PAGE_SIZE,
        "results": [
            {
                "id": s.case_id,
                "tracking_code": s.case.tracking_code,
                "agency": s.agency.code,
                "service": s.case.version.name,
                "status": s.case.status,
                "accepted_on": s.case.accepted_on,
                "due_date": s.case.due_date,
                "promised_date": s.case.promised_date,
                "promised_level": s.promised_level,
                "statutory_level": s.statutory_level,
                "overrun_steps": s.overrun_steps,
                "anomalies": s.anomalies,
            }
            for s in shown
        ],
    }


@router.get(
    "/agencies/{code}", response=AgencyFiguresOut, by_alias=True, summary="Supervision figures of an agency"
)
def agency_figures(request: HttpRequest, code: str, filters: Query[PeriodQuery]) -> dict[str, Any]:
    """The figures of the agency's subtree over the period (default: the last 30 days), each
    ``{"numerator", "denominator", "rate"}`` (``average_days``: working days over decided cases),
    and the same per agency of the subtree."""
    if not selectors.may_supervise_any(request.user):
        raise _forbidden()
    agency = selectors.get_supervised_agency(request.user, code)
    first, last = period(filters.start, filters.end, timezone.localdate())
    board = selectors.tree_dashboard(request.user, first, last, agency)
    return {
        "agency": agency.code,
        "name": agency.name,
        "from": first,
        "to": last,
        "figures": {name: f.as_dict() for name, f in board.total.items()},
        "agencies": [
            {"agency": a.code, "figures": {name: f.as_dict() for name, f in figures.items()}}
            for a, figures in board.rows
        ],
    }
