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
    return attachments.stored_download(found.file, found.name, found.kind, private=True)
