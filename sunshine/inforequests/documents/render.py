"""A document of one request: its template rendered with the request's context, laid out as blocks,
written as PDF or DOCX.

Templates are looked up the ordinary Django way (``TEMPLATES['DIRS']`` before the apps' own
templates), so an operator overrides the wording by placing a file of the same name in a template
directory. They are plain text: rendered without HTML escaping.
"""

from __future__ import annotations

import datetime

from django.template import Context, Engine

from sunshine.inforequests.documents.blocks import Block, parse
from sunshine.inforequests.documents.context import build_context
from sunshine.inforequests.documents.docx_output import to_docx
from sunshine.inforequests.documents.kinds import DocumentKind
from sunshine.inforequests.documents.pdf_output import to_pdf
from sunshine.inforequests.models import InfoRequest

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(CONTENT_TYPES)


def render_text(request: InfoRequest, kind: DocumentKind, *, today: datetime.date | None = None) -> str:
    """The rendered template: plain text with the layout marks of ``blocks``."""
    template = Engine.get_default().get_template(kind.template)
    return template.render(Context(build_context(request, kind, today=today), autoescape=False))


def render_blocks(
    request: InfoRequest, kind: DocumentKind, *, today: datetime.date | None = None
) -> list[Block]:
    return parse(render_text(request, kind, today=today))


def render(
    request: InfoRequest, kind: DocumentKind, fmt: str, *, today: datetime.date | None = None
) -> bytes:
    """The document as ``fmt`` ("pdf" or "docx"); ``fonts.FontNotFound`` for a PDF without a CJK font."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(fmt)
    blocks = render_blocks(request, kind, today=today)
    author = request.agency.name
    return to_pdf(blocks, author=author) if fmt == "pdf" else to_docx(blocks, author=author)
