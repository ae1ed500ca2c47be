"""GET /api/v1/agencies/{code}/annual-reports/{year}: the annual report's tables as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.agencies.selectors import get_public_agency
from sunshine.annualreports.api_schemas import AnnualReportOut
from sunshine.annualreports.document import format_fees
from sunshine.annualreports.layout import (
    COLUMN_CODES,
    ENFORCEMENT,
    FEES,
    LICENSING,
    NORMATIVE_DOCUMENTS,
    PENALTY,
    REGULATIONS,
)
from sunshine.annualreports.report import AnnualReport, Scope, compute_report
from sunshine.annualreports.selectors import published_report
from sunshine.api.errors import ApiProblem

router = Router()

FIRST_YEAR = 2008  # the first year of the 2007 regulations


class ReportQuery(Schema):
    scope: Scope = Scope.SELF


def proactive_data(report: AnnualReport) -> dict[str, Any]:
    """Table 2: documents counted from the records; decisions and fees as entered on the published
    report (null while it is not published for this scope)."""
    decisions = report.decisions
    return {
        REGULATIONS: report.documents[REGULATIONS],
        NORMATIVE_DOCUMENTS: report.documents[NORMATIVE_DOCUMENTS],
        LICENSING: {"decisions": decisions.licensing if decisions else None},
        PENALTY: {"decisions": decisions.penalty if decisions else None},
        ENFORCEMENT: {"decisions": decisions.enforcement if decisions else None},
        FEES: {"amount_10k_yuan": format_fees(decisions.fees) if decisions else None},
    }


def report_data(report: AnnualReport) -> dict[str, Any]:
    return {
        "agency": report.agency.code,
        "year": report.year,
        "scope": report.scope,
        "applications": {"columns": list(COLUMN_CODES), "rows": report.applications},
        "proactive": proactive_data(report),
        "reviews": report.reviews,
        "checks": [{"name": c["name"], "ok": c["ok"], "label": str(c["label"])} for c in report.checks],
    }


@router.get(
    "/{code}/annual-reports/{year}",
    response=AnnualReportOut,
    auth=None,
    summary="The annual report's tables of an agency",
)
def annual_report(request: HttpRequest, code: str, year: int, query: Query[ReportQuery]) -> dict[str, Any]:
    """Tables 2 (proactive disclosure), 3 (applications and their results) and 4 (reconsideration
    and litigation) of the national format, computed from the records and requests, with the
    format's checks; the decisions and fees of table 2 as the agency entered them in its published
    report. ``scope=tree`` counts the agency with every agency below it. Aggregates only."""
    agency = get_public_agency(code)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"year": _("Give a year from %(first)s to this year.") % {"first": FIRST_YEAR}},
        )
    report = compute_report(agency, year, query.scope)
    published = published_report(agency, year)
    if published is not None and published.published_tables.get("scope") == report.scope:
        report = report.with_decisions(published)
    return report_data(report)
