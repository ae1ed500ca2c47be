"""Making a document for staff or for the applicant: check that it can be made, render it, and
write an audit row (who made which document of which request, in which format).

Callers fetch the request through a selector first: ``get_request_for_staff(user, pk)`` in the
back office, ``get_request_for_applicant(tracking_code, key)`` on the portal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.inforequests.documents.kinds import APPLICANT, KINDS, DocumentKind, unavailable_reason
from sunshine.inforequests.documents.render import CONTENT_TYPES, render
from sunshine.inforequests.models import InfoRequest

AUDIT_ACTION = "inforequest.document"


class DocumentUnavailable(Exception):
    """The document does not exist, or cannot be made in the request's present state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class GeneratedDocument:
    kind: DocumentKind
    fmt: str
    content: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]

    def filename(self, request: InfoRequest) -> str:
        return f"{request.tracking_code}-{self.kind.slug}.{self.fmt}"


def document_kind(kind: str, fmt: str) -> DocumentKind:
    """The kind named ``kind`` if it exists and ``fmt`` is a format; DocumentUnavailable otherwise."""
    found = KINDS.get(kind)
    if found is None or fmt not in CONTENT_TYPES:
        raise DocumentUnavailable(_("There is no such document."))
    return found


def generate_document(
    *, request: InfoRequest, kind: str, fmt: str, by: AbstractBaseUser | AnonymousUser | None
) -> GeneratedDocument:
    """The document ``kind`` of ``request`` as ``fmt``, with an audit row.

    DocumentUnavailable when the kind or format does not exist or the request is not in a state
    for it; ``fonts.FontNotFound`` when a PDF is asked for and no CJK font is installed.
    """
    found = document_kind(kind, fmt)
    reason = unavailable_reason(found, request)
    if reason is not None:
        raise DocumentUnavailable(reason)
    content = render(request, found, fmt)
    audit.record(
        actor=by,
        action=AUDIT_ACTION,
        obj=request,
        after={"kind": found.slug, "format": fmt},
        agency=request.agency,
    )
    return GeneratedDocument(kind=found, fmt=fmt, content=content)


def generate_for_applicant(*, request: InfoRequest, kind: str, fmt: str) -> GeneratedDocument:
    """For the portal: a document addressed to the applicant of ``request`` (the key holder).

    Only kinds addressed to the applicant (the receipt, the notices and the reply notice); the
    consultation letter goes to a third party or another agency and is refused.
    """
    found = document_kind(kind, fmt)
    if found.addressee != APPLICANT:
        raise DocumentUnavailable(_("There is no such document."))
    return generate_document(request=request, kind=kind, fmt=fmt, by=None)


def applicant_kinds(request: InfoRequest) -> list[DocumentKind]:
    """The documents the applicant of ``request`` can download now (for the portal's request page)."""
    return [
        kind
        for kind in KINDS.values()
        if kind.addressee == APPLICANT and unavailable_reason(kind, request) is None
    ]
