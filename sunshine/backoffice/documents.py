"""Staff download the documents of a request (receipt, notices, consultation letter, reply) as PDF
or DOCX. The request comes through the staff selector: another agency's request is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.inforequests.documents.responses import document_response
from sunshine.inforequests.documents.services import DocumentUnavailable, generate_document
from sunshine.inforequests.selectors import get_request_for_staff


def _problem(request: HttpRequest, pk: int, message: str, status: int) -> HttpResponse:
    try:
        back_url = reverse("backoffice:request_detail", args=[pk])
    except NoReverseMatch:
        back_url = ""
    return render(
        request,
        "inforequests/documents/problem.html",
        {"base_template": "backoffice/base.html", "message": message, "back_url": back_url},
        status=status,
    )


@require_GET
@login_required
def download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    info_request = get_request_for_staff(request.user, pk)  # 404 beyond the person's agencies
    try:
        document = generate_document(request=info_request, kind=kind, fmt=fmt, by=request.user)
    except DocumentUnavailable as exc:
        return _problem(request, pk, exc.message, status=404)
    except FontNotFound as exc:
        return _problem(request, pk, str(exc), status=503)
    return document_response(info_request, document)
