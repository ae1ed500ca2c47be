"""Oversight indicators in the API, for the disclosure office and supervisors (their subtrees):
``GET /oversight/indicators?agency=<code>&period=YYYY-MM`` and
``GET /oversight/rankings?scheme=<code>&period=2026-Q4`` (docs/oversight.md#api)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.oversight import ranking_tables, selectors
from sunshine.oversight import rankings as rankings_service
from sunshine.oversight.periods import current_period, parse_period, parse_span, span_is_open

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


class RankingQuery(Schema):
    scheme: str = Field(..., max_length=40, description="the scheme's code")
    period: str = Field(
        "",
        max_length=7,
        description="YYYY-MM, YYYY-Qn or YYYY (default: this month)",
    )


class ContributionOut(Schema):
    code: str
    label: str
    weight: float
    numerator: int
    denominator: int
    value: float | None
    scored: bool
    reason: str  # "" when scored, else "no_data" or "below_minimum"
    points: float
    contribution: float  # the indicator's part of the score (out of 100)


class RankedAgencyOut(Schema):
    rank: int | None
    agency: str
    name: str
    score: float | None
    status: str  # ranked | newcomer | not_scored
    contributions: list[ContributionOut]


class RankingOut(Schema):
    scheme: str
    scheme_version: int
    scheme_name: str
    period: str
    period_kind: str  # month | quarter | year
    computed_at: datetime.datetime
    published_at: datetime.datetime | None
    agencies: list[RankedAgencyOut]


@router.get("/rankings", response=RankingOut, summary="Ranking of an assessment scheme for a period")
def rankings(request: HttpRequest, filters: Query[RankingQuery]) -> dict[str, Any]:
    """The agencies ranked by the version of the scheme in force for the period, best first (equal
    scores share a rank), then those not ranked (newly added, or with no indicator at its minimum
    count), each with its score out of 100 and the contribution of each indicator with the figures
    behind it. A published ranking is answered as it was published; an unpublished one is computed
    from the stored indicators when they changed."""
    if not selectors.may_oversee_any(request.user):
        raise ApiProblem(
            403,
            "permission_denied",
            _("Only the disclosure office and supervisors read oversight indicators."),
        )
    span = parse_span(filters.period) if filters.period else parse_span(str(current_period()))
    if span is None or not span_is_open(span):
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"period": _("Give a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY) that has begun.")},
        )
    latest = selectors.get_readable_scheme(request.user, filters.scheme)
    scheme = rankings_service.scheme_in_force(latest.code, span)
    if scheme is None:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"scheme": _("The scheme does not apply to that period yet.")},
        )
    ranking = rankings_service.current_ranking(scheme, span)
    found = ranking_tables.lines(ranking, list(rankings_service.entries_of(ranking)))
    return {
        "scheme": scheme.code,
        "scheme_version": scheme.version,
        "scheme_name": scheme.name,
        "period": span.label,
        "period_kind": span.kind,
        "computed_at": ranking.computed_at,
        "published_at": ranking.published_at,
        "agencies": [ranking_tables.as_json(line) for line in found],
    }
