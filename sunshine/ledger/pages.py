"""The ledger's staff pages: ``/staff/ledger/?agency=&from=&to=&subtree=1`` with the three tables,
and the same ledger as ``export.xlsx`` and ``export.pdf``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.ledger.access import default_agency, ledger_agency, ledger_scope, may_read_any_ledger
from sunshine.ledger.export import ledger_pdf, ledger_xlsx, scope_line, tables, title_of
from sunshine.ledger.ledger import Ledger, build_ledger
from sunshine.ledger.period import ledger_period, parse_day


def _ledger(request: HttpRequest) -> Ledger:
    user = request.user
    if not may_read_any_ledger(user):
        raise PermissionDenied
    code = request.GET.get("agency", "").strip()
    agency = ledger_agency(user, code) if code else default_agency(user)
    if agency is None:
        raise PermissionDenied
    start, end = ledger_period(
        parse_day(request.GET.get("from")), parse_day(request.GET.get("to")), timezone.localdate()
    )
    scope = ledger_scope(user, agency, subtree=request.GET.get("subtree") == "1")
    return build_ledger(agency=agency, agencies=scope, start=start, end=end)


def _query(ledger: Ledger) -> str:
    query = f"agency={ledger.agency.code}&from={ledger.start.isoformat()}&to={ledger.end.isoformat()}"
    return query + ("&subtree=1" if ledger.subtree else "")


def _file_name(ledger: Ledger, extension: str) -> str:
    return f"ledger-{ledger.agency.code}-{ledger.start.isoformat()}-{ledger.end.isoformat()}.{extension}"


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=name)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def ledger_page(request: HttpRequest) -> HttpResponse:
    ledger = _ledger(request)
    return render(
        request,
        "ledger/ledger.html",
        {
            "ledger": ledger,
            "title": title_of(ledger),
            "scope": scope_line(ledger),
            "sections": [
                (t, [list(zip(t.header, row, strict=True)) for row in t.rows]) for t in tables(ledger)
            ],
            "query": _query(ledger),
            "agencies": agencies_for_staff(request.user).filter(is_active=True).order_by("path"),
        },
    )


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    ledger = _ledger(request)
    return _download(
        ledger_xlsx(ledger),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _file_name(ledger, "xlsx"),
    )


@login_required
@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    ledger = _ledger(request)
    try:
        content = ledger_pdf(ledger)
    except FontNotFound as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _download(content, "application/pdf", _file_name(ledger, "pdf"))
