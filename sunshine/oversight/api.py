"""Oversight indicators in the API, for the disclosure office and supervisors (their subtrees):
``GET /oversight/indicators?agency=<code>&period=YYYY-MM`` (docs/oversight.md#api)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.oversight import selectors
from sunshine.oversight.periods import current_period, parse_period

router = Router(auth=staff_auth)


class IndicatorQuery(Schema):
    agency: str = Field(..., max_length=40, description="the agency's code")
    period: str = Field("", max_length=7, description="the month, YYYY-MM (default: this month)")


class IndicatorOut(Schema):
    code: str
    label: str
    numerator: int
    denominator: int
    value: float | None
    rule_version: int
    computed_at: datetime.datetime
    rows: str  # the staff page listing the rows behind the figure


@router.get("/indicators", response=list[IndicatorOut], summary="Oversight indicators of an agency")
def indicators(request: HttpRequest, filters: Query[IndicatorQuery]) -> list[dict[str, Any]]:
    """Every indicator of the agency for the month, each with its numerator, denominator, value
    (numerator / denominator; the count itself for counts; null without a denominator) and the
    version of the rule that computed it. Stored snapshots are answered; a month without one is
    computed first. Months after the running one are refused (422)."""
    if not selectors.may_oversee_any(request.user):
        raise ApiProblem(
            403,
            "permission_denied",
            _("Only the disclosure office and supervisors read oversight indicators."),
        )
    period = parse_period(filters.period) if filters.period else current_period()
    if period is None or period.first > current_period().first:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"period": _("Give a month up to the running one, as YYYY-MM.")},
        )
    agency = selectors.get_overseen_agency(request.user, filters.agency)
    found = selectors.figures([agency], period)[agency.pk]
    return [
        {
            "code": f.indicator.code,
            "label": str(f.indicator.label),
            "numerator": f.numerator,
            "denominator": f.denominator,
            "value": None if f.value is None else float(f.value),
            "rule_version": f.rule_version,
            "computed_at": f.computed_at,
            "rows": reverse("oversight_staff:rows", args=[agency.code, str(period), f.indicator.code]),
        }
        for f in found
    ]
