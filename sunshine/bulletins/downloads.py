"""An issue's PDF as a download: the stored bytes of a published issue (the same for everyone, so a
public copy may be kept and checked by its SHA-256 as ETag), or a draft's preview for staff."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from sunshine.bulletins.models import Issue


def file_name(issue: Issue) -> str:
    return f"bulletin-{issue.year}-{issue.number:02d}.pdf"


def pdf_response(issue: Issue, *, private: bool, content: bytes | None = None) -> HttpResponse:
    """``content`` (a preview) or the issue's stored PDF."""
    body = bytes(content if content is not None else issue.pdf)
    response = HttpResponse(body, content_type="application/pdf")
    name = file_name(issue) if content is None else f"preview-{file_name(issue)}"
    disposition = content_disposition_header(as_attachment=False, filename=name)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    if private or content is not None:
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = "public, max-age=3600"
        response["ETag"] = f'"{issue.sha256}"'
    return response
