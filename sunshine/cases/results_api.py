"""GET /api/v1/cases/results: the public list of decided cases (办件公示, docs/cases.md). Mounted
before the applicant's ``/cases/{tracking_code}`` so that ``results`` is not read as a code."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.agencies.selectors import public_agencies
from sunshine.api.errors import ApiProblem
from sunshine.cases import results
from sunshine.core.pagination import PageNumber

router = Router()


class ResultsQuery(Schema):
    agency: str | None = Field(None, description="an agency's code: that agency and those below it")
    service: str | None = Field(None, max_length=64, description="a service item's code")
    from_: datetime.date | None = Field(None, alias="from", description="decided on or after this day")
    to: datetime.date | None = Field(None, description="decided on or before this day")
    page: PageNumber = 1
    page_size: int = Field(results.DEFAULT_PAGE_SIZE, ge=1, le=results.MAX_PAGE_SIZE)


class CaseAgencyRefOut(Schema):
    code: str
    name: str


class CaseResultOut(Schema):
    tracking_code: str
    service: str
    service_name: str
    agency: CaseAgencyRefOut
    applicant: str = Field(
        description="a person's name masked by the agency's rule (张**); an organisation's name"
    )
    result: str
    result_label: str
    decided_on: datetime.date


class CaseResultPageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseResultOut]


@router.get("/results", response=CaseResultPageOut, auth=None, summary="Decided cases (办件公示)")
def list_results(request: HttpRequest, filters: Query[ResultsQuery]) -> dict[str, Any]:
    """Decided cases of public agencies, the latest decision first: the tracking code, the service,
    the agency, the applicant masked, the result and the day of the decision. Never an identity
    number, a phone, an e-mail, an address or the reasons."""
    agency = None
    if filters.agency:
        agency = public_agencies().filter(code=filters.agency).first()
        if agency is None:
            raise ApiProblem(
                422,
                "validation_error",
                _("Some of the input is not valid."),
                {"agency": _("No agency has this code.")},
            )
    if filters.from_ and filters.to and filters.from_ > filters.to:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"to": _("The start date is after the end date.")},
        )
    found = results.search(
        agency=agency,
        service=(filters.service or "").strip(),
        since=filters.from_,
        until=filters.to,
        page=filters.page,
        page_size=filters.page_size,
    )
    return {
        "count": found.count,
        "page": found.page,
        "page_size": found.page_size,
        "results": [results.result_data(case) for case in found.cases],
    }
