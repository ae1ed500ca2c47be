"""The annual report's public page: tables 2, 3 and 4 in the layout of the national format, the
published narrative when there is one, the whole report as PDF and DOCX for filing, the XLSX of the
tables and a chart of the last years."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from sunshine.agencies.selectors import get_public_agency
from sunshine.annualreports.document import report_document
from sunshine.annualreports.history_chart import history_chart
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.pdf import report_pdf
from sunshine.annualreports.printed import printed_tables
from sunshine.annualreports.report import AnnualReport, Scope, compute_report
from sunshine.annualreports.selectors import frozen_report, published_report
from sunshine.annualreports.spreadsheet import report_workbook
from sunshine.annualreports.word import report_docx
from sunshine.inforequests.documents.fonts import FontNotFound

FIRST_YEAR = 2008


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


def _frozen(report: AnnualReport, published: AnnualReportDraft | None) -> AnnualReportDraft | None:
    """The published report when the figures shown are its own (same scope), else None."""
    if published is not None and published.published_tables.get("scope") == report.scope:
        return published
    return None


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    return response


def annual_report_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report, published = _report(request, code, year)
    try:
        content = report_pdf(report_document(report, _frozen(report, published)))
    except FontNotFound as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _download(
        content, "application/pdf", f"annual-report-{report.agency.code}-{year}-{report.scope}.pdf"
    )


def annual_report_docx(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report, published = _report(request, code, year)
    return _download(
        report_docx(report_document(report, _frozen(report, published))),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"annual-report-{report.agency.code}-{year}-{report.scope}.docx",
    )


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
    frozen = _frozen(report, published) is not None
    return render(
        request,
        "portal/annual_reports/report.html",
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
