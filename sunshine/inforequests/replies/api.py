"""The reply being prepared, in the staff API (docs/api.md#replies): read it with its privacy
findings, change it, attach and remove files, and take the steps of review and sign-off. The rules
are those of the pages (``replies.services`` and the kernel); errors answer the API's one shape."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja import UploadedFile as NinjaUploadedFile
from pydantic import Field

from sunshine.api.auth import staff_auth
from sunshine.inforequests.models import ReplyDraft
from sunshine.inforequests.replies import scan, services
from sunshine.inforequests.replies.declarations import WORKFLOW
from sunshine.inforequests.selectors import get_request_for_staff, roles_for

router = Router(auth=staff_auth)


class ReplyFileOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    readable: bool = Field(
        description="Whether the privacy scan could read its text (not for images or scans)."
    )


class ReplyFindingOut(Schema):
    digest: str = Field(
        description="Names the finding in `keep_finding`; the value itself is never shown whole."
    )
    kind: str
    masked: str
    where: str
    kept: bool
    reason: str = ""


class ReplyDraftOut(Schema):
    id: int
    request: str = Field(description="The request's tracking code.")
    status: Literal["draft", "submitted", "approved", "signed", "returned", "sent"]
    outcome: str
    reasons: str
    note: str
    record_numbers: list[str]
    files: list[ReplyFileOut]
    findings: list[ReplyFindingOut]
    reviewer: str | None
    signer: str | None
    return_comment: str
    review_required: bool
    permitted_steps: list[str]


class ReplyDraftIn(Schema):
    outcome: str = Field("", max_length=50)
    reasons: str = Field("", max_length=10000)
    note: str = Field("", max_length=2000)
    record_numbers: list[str] = Field(default_factory=list, max_length=50)


class ReplyStepIn(Schema):
    action: Literal["submit", "keep_finding", "approve", "return", "sign"]
    comments: str | None = Field(None, max_length=2000)
    digest: str | None = Field(None, max_length=64)
    reason: str | None = Field(None, max_length=2000)
    acknowledged: bool = Field(False, description="`submit`: leave open privacy findings to the reviewer.")


def _name(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def draft_data(user: Any, draft: ReplyDraft) -> dict[str, Any]:
    request = draft.request
    return {
        "id": draft.pk,
        "request": request.tracking_code,
        "status": draft.status,
        "outcome": draft.outcome,
        "reasons": draft.reasons,
        "note": draft.note,
        "record_numbers": list(draft.record_numbers),
        "files": [
            {"id": f.pk, "name": f.name, "kind": f.kind, "size": f.size, "readable": f.has_text}
            for f in draft.files.all()
        ],
        "findings": [
            {
                "digest": x.digest,
                "kind": str(x.finding.kind),
                "masked": x.masked,
                "where": x.source_label,
                "kept": not x.is_open,
                "reason": (x.kept or {}).get("reason", ""),
            }
            for x in scan.scan_draft(draft)
        ],
        "reviewer": _name(draft.reviewer),
        "signer": _name(draft.signer),
        "return_comment": draft.return_comment,
        "review_required": services.review_required(request.agency),
        "permitted_steps": WORKFLOW.for_roles(draft.status, roles_for(user, request.agency)),
    }


def _current(user: Any, request_id: int) -> ReplyDraft:
    from django.http import Http404

    found = get_request_for_staff(user, request_id)
    draft = services.current_draft(found)
    if draft is None:
        raise Http404(request_id)
    return draft


@router.get("/{request_id}/reply-draft", response=ReplyDraftOut, summary="The reply being prepared")
def get_draft(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """404 when no reply is being prepared for the request."""
    return draft_data(request.user, _current(request.user, request_id))


@router.put("/{request_id}/reply-draft", response=ReplyDraftOut, summary="Write or change the reply")
def put_draft(request: HttpRequest, request_id: int, payload: ReplyDraftIn) -> dict[str, Any]:
    """Creates the draft on first use; possible while it is a draft or returned (409 `reply_in_review`
    otherwise). `record_numbers` are index numbers of published records (422 for any other)."""
    found = get_request_for_staff(request.user, request_id)
    draft = services.save_draft(request=found, by=request.user, **payload.dict())
    return draft_data(request.user, draft)


@router.post("/{request_id}/reply-draft/files", response=ReplyDraftOut, summary="Attach files to the reply")
def post_files(request: HttpRequest, request_id: int, files: File[list[NinjaUploadedFile]]) -> dict[str, Any]:
    """Multipart `files`: PDF, DOCX, XLSX or images, type read from the bytes, size-limited."""
    found = get_request_for_staff(request.user, request_id)
    services.add_files(request=found, by=request.user, files=files)
    return draft_data(request.user, _current(request.user, request_id))


@router.delete(
    "/{request_id}/reply-draft/files/{file_id}",
    response=ReplyDraftOut,
    summary="Remove a file from the reply",
)
def delete_file(request: HttpRequest, request_id: int, file_id: int) -> dict[str, Any]:
    found = get_request_for_staff(request.user, request_id)
    services.remove_file(request=found, by=request.user, file_id=file_id)
    return draft_data(request.user, _current(request.user, request_id))


@router.post("/{request_id}/reply-draft/steps", response=ReplyDraftOut, summary="Review or sign the reply")
def take_step(request: HttpRequest, request_id: int, payload: ReplyStepIn) -> dict[str, Any]:
    """`submit` (officer), `keep_finding` with `digest` and `reason`, `approve` (reviewer), `return`
    with `comments` (reviewer or signer), `sign` (signer). Open privacy findings answer 409
    `privacy_findings`; who sent the reply to review neither approves nor signs it (403
    `own_submission`). Once signed, the request's `reply` action sends it."""
    found = get_request_for_staff(request.user, request_id)
    data = payload.dict()
    action, acknowledged = data.pop("action"), data.pop("acknowledged")
    step_input = {k: v for k, v in data.items() if v is not None}
    draft = services.take_step(
        request=found, by=request.user, action=action, input=step_input, acknowledged=acknowledged
    )
    return draft_data(request.user, draft)
