"""The annual report's public page: tables 3 and 4 in the layout of the national format, the
published narrative when there is one, the XLSX of the tables and a chart of the last years."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from sunshine.agencies.selectors import get_public_agency
from sunshine.annualreports.history_chart import history_chart
from sunshine.annualreports.layout import (
    APPLICANT_COLUMNS,
    APPLICATION_LINES,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMNS,
    Line,
)
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import AnnualReport, Scope, compute_report
from sunshine.annualreports.selectors import frozen_report, published_report
from sunshine.annualreports.spreadsheet import report_workbook

FIRST_YEAR = 2008


@dataclass(frozen=True)
class PrintedRow:
    line: Line
    cells: list[int] | None


def printed_tables(report: AnnualReport) -> dict[str, Any]:
    """Template context for tables 3 and 4 in the format's layout."""
    return {
        "columns": APPLICANT_COLUMNS,
        "rows": [
            PrintedRow(
                line,
                [report.applications[line.code][c.code] for c in APPLICANT_COLUMNS]
                if line.numbered
                else None,
            )
            for line in APPLICATION_LINES
        ],
        "review_groups": REVIEW_GROUPS,
        "review_columns": REVIEW_RESULT_COLUMNS,
        "reviews": [report.reviews[g.code][c.code] for g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS],
    }


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, max(FIRST_YEAR, this_year - 6) - 1, -1))


def _report(request: HttpRequest, code: str, year: int) -> tuple[AnnualReport, AnnualReportDraft | None]:
    """The published report when the agency has published one for this scope; the live tables otherwise."""
    agency = get_public_agency(code)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(year)
    published = published_report(agency, year)
    scope = request.GET.get("scope") or (published.scope if published else Scope.SELF)
    if scope not in Scope.values:
        scope = Scope.SELF
    if published is not None and published.published_tables.get("scope") == scope:
        return frozen_report(published), published
    return compute_report(agency, year, scope), published


def annual_report_xlsx(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report, _published = _report(request, code, year)
    response = HttpResponse(
        report_workbook(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"annual-report-{report.agency.code}-{year}-{report.scope}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def annual_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report, published = _report(request, code, year)
    frozen = published is not None and published.published_tables.get("scope") == report.scope
    return render(
        request,
        "annualreports/report.html",
        {
            "agency": report.agency,
            "year": year,
            "years": _years(),
            "scope": report.scope,
            "report": report,
            "published": published if frozen else None,
            "chart": history_chart(report.agency, year, report.scope),
            "show_english": not (get_language() or "zh-hans").startswith("zh"),
            **printed_tables(report),
        },
    )
