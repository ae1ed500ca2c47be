"""The applicant's file of a request: what the holder of the key or the private link may read and
download, on the portal's request page and through the API.

- ``public_line(event)``: the line of the applicant's history for one step, as its action declares it;
- ``applicant_kinds(request)`` (re-exported from ``documents.services``): the notices addressed to the
  applicant that can be made in the request's present state, never a document for a third party;
- ``applicant_files(request)``: the files the applicant may have: the ones they sent with a correction
  or a fee payment and the files sent to them with the reply. ``applicant_file(request, id)`` is
  one of them, or 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404

from sunshine.inforequests.actions import texts_of
from sunshine.inforequests.codes import ReplyStatus
from sunshine.inforequests.documents.services import applicant_kinds
from sunshine.inforequests.models import InfoRequest, RequestEvent, RequestFile
from sunshine.records import attachments
from sunshine.records.codes import AttachmentKind

__all__ = ["applicant_file", "applicant_files", "applicant_kinds", "file_response", "public_line"]


def public_line(event: RequestEvent) -> str:
    """The line of the applicant's history for ``event``: dates and what happened, no staff names."""
    texts = texts_of(event.action)
    return texts.public_line(event.data or {}) if texts is not None else event.action


def applicant_files(request: InfoRequest) -> QuerySet[RequestFile]:
    """The applicant's own files (correction, fee receipt) and the files of the reply, in the order
    they came."""
    theirs = [RequestFile.Purpose.CORRECTION, RequestFile.Purpose.FEE_RECEIPT]
    mine = Q(purpose__in=theirs, from_applicant=True)
    # A reply's files reach the applicant when the reply is sent, never while it is being prepared.
    sent_to_them = Q(purpose=RequestFile.Purpose.REPLY) & (
        Q(draft__isnull=True) | Q(draft__status=ReplyStatus.SENT)
    )
    return RequestFile.objects.filter(Q(request=request) & (mine | sent_to_them)).order_by(
        "uploaded_at", "id"
    )


def applicant_file(request: InfoRequest, file_id: int) -> RequestFile:
    """One of ``applicant_files(request)``; 404 for any other file, of this request or another."""
    found = applicant_files(request).filter(pk=file_id).first()
    if found is None:
        raise Http404(file_id)
    return found


def file_response(found: RequestFile) -> FileResponse:
    """A file of a request as a download: it holds personal data, so it is never cached on the way."""
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=attachments.download_name(found.name, found.kind),
        content_type=attachments.CONTENT_TYPES[AttachmentKind(found.kind)],
    )
    response["Cache-Control"] = "private, no-store"
    return response
