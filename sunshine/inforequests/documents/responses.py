"""A generated document as a download. Documents hold personal data: never cached on the way."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from sunshine.inforequests.documents.services import GeneratedDocument
from sunshine.inforequests.models import InfoRequest


def document_response(request: InfoRequest, document: GeneratedDocument) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=document.filename(request))
    if disposition is not None:
        response["Content-Disposition"] = disposition
    add_never_cache_headers(response)  # also an Expires in the past, for old caches
    response["Cache-Control"] = "private, no-store"
    return response
