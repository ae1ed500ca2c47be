"""Preparing a reply: the draft's text, outcome, linked records and files (docs/workflows.md#replies).
Each change is checked for the person and the draft's status, stored whole or not at all, and
audited. The steps of review and sign-off are the kernel's (``replies.declarations.WORKFLOW``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.inforequests.codes import CONCLUDED_STATUSES, REPLY_OUTCOMES, ReplyStatus
from sunshine.inforequests.models import InfoRequest, ReplyDraft, RequestFile
from sunshine.inforequests.replies.declarations import EDITABLE, WORKFLOW
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import may_act
from sunshine.records.attachments import AttachmentRejected, inspect, inspect_all_ahead, safe_name

MAX_FILES = 20
MAX_TEXT = 10000
EDITED_FIELDS = ["outcome", "reasons", "note", "record_numbers"]


def review_required(agency: Any) -> bool:
    """Whether the agency's replies pass review and sign-off before they are sent (default: yes)."""
    from sunshine.inforequests.models import AgencyRequestSettings

    found = AgencyRequestSettings.objects.filter(agency=agency).values_list(
        "reply_review_required", flat=True
    )
    return bool(next(iter(found), settings.SUNSHINE_REPLY_REVIEW_DEFAULT))


def current_draft(request: InfoRequest) -> ReplyDraft | None:
    """The reply being prepared for the request (the newest not yet sent), or None."""
    return request.reply_drafts.exclude(status=ReplyStatus.SENT).order_by("-id").first()


def signed_draft(request: InfoRequest) -> ReplyDraft | None:
    return request.reply_drafts.filter(status=ReplyStatus.SIGNED).order_by("-id").first()


def _editable(request: InfoRequest, by: Any) -> ReplyDraft:
    """The draft ``by`` may change now (created on first use), locked; 403/409 otherwise."""
    if not may_act(by, request.agency, HANDLING_ROLES):
        raise WorkflowForbidden(_("Only those who handle the agency's requests prepare its replies."))
    locked = InfoRequest.objects.select_for_update().select_related("agency").get(pk=request.pk)
    if locked.status in CONCLUDED_STATUSES:
        raise WorkflowError(409, "request_concluded", _("The request is concluded: no reply can be sent."))
    draft = current_draft(locked)
    if draft is None:
        draft = ReplyDraft.objects.create(request=locked, created_by=by)
    draft = (
        ReplyDraft.objects.select_for_update().select_related("request", "request__agency").get(pk=draft.pk)
    )
    if draft.status not in EDITABLE:
        raise WorkflowError(
            409,
            "reply_in_review",
            _("The reply is “%(status)s”: it can be changed only after it is returned.")
            % {"status": draft.get_status_display()},
        )
    return draft


def _record_numbers(values: Sequence[str], request: InfoRequest) -> list[str]:
    from sunshine.records.selectors import published_records

    wanted = [v.strip() for v in values if v and v.strip()]
    found = set(
        published_records()
        .filter(record__index_number__in=wanted)
        .values_list("record__index_number", flat=True)
    )
    missing = [v for v in wanted if v not in found]
    if missing:
        raise invalid(
            {
                "record_numbers": _("No published record has the index number %(numbers)s.")
                % {"numbers": "、".join(missing)}
            }
        )
    return list(dict.fromkeys(wanted))


@transaction.atomic
def save_draft(
    *,
    request: InfoRequest,
    by: Any,
    outcome: str = "",
    reasons: str = "",
    note: str = "",
    record_numbers: Sequence[str] = (),
) -> ReplyDraft:
    draft = _editable(request, by)
    errors: dict[str, str] = {}
    if outcome and outcome not in REPLY_OUTCOMES:
        errors["outcome"] = _("Choose the outcome of the reply.")
    for name, value in (("reasons", reasons), ("note", note)):
        if len(value or "") > MAX_TEXT:
            errors[name] = _("Enter at most %(n)s characters.") % {"n": MAX_TEXT}
    if errors:
        raise invalid(errors)
    before = audit.snapshot(draft, EDITED_FIELDS)
    draft.outcome = outcome or ""
    draft.reasons = (reasons or "").strip()
    draft.note = (note or "").strip()
    draft.record_numbers = _record_numbers(record_numbers, request)
    if draft.status == ReplyStatus.RETURNED:
        draft.status = ReplyStatus.DRAFT
    draft.save()
    audit.record(
        actor=by,
        action="inforequest_reply.edit",
        obj=draft,
        before=before,
        after={"request": request.tracking_code, **audit.snapshot(draft, EDITED_FIELDS)},
        agency=request.agency,
    )
    return draft


def _store(draft: ReplyDraft, upload: UploadedFile) -> RequestFile:
    name = safe_name(upload.name or "")
    content = cast(BinaryIO, upload)
    try:
        checked = inspect(content, name, max_bytes=settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
    except AttachmentRejected as exc:
        raise invalid({"files": f"{name}: {exc.message}"}) from exc
    stored = RequestFile(
        request=draft.request,
        draft=draft,
        purpose=RequestFile.Purpose.REPLY,
        name=checked.name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        text=checked.text,
        has_text=checked.has_text,
        uploaded_at=timezone.now(),
    )
    stored.file.save(f"reply.{checked.kind}", File(content), save=False)
    stored.save()
    return stored


def add_files(*, request: InfoRequest, by: Any, files: Sequence[UploadedFile]) -> list[RequestFile]:
    """Attach files to the reply: each type-sniffed, size-limited and read for the privacy scan,
    before the transaction (for those who may prepare the reply)."""
    if may_act(by, request.agency, HANDLING_ROLES) and len(files) <= MAX_FILES:
        inspect_all_ahead((cast(BinaryIO, f), safe_name(f.name or "")) for f in files)
    return _add_files(request=request, by=by, files=files)


@transaction.atomic
def _add_files(*, request: InfoRequest, by: Any, files: Sequence[UploadedFile]) -> list[RequestFile]:
    draft = _editable(request, by)
    if not files:
        raise invalid({"files": _("Choose at least one file.")})
    if draft.files.count() + len(files) > MAX_FILES:
        raise invalid({"files": _("Attach at most %(n)s files.") % {"n": MAX_FILES}})
    stored: list[RequestFile] = []
    try:
        for upload in files:
            stored.append(_store(draft, upload))
    except Exception:
        for orphan in stored:
            orphan.file.delete(save=False)
        raise
    if draft.status == ReplyStatus.RETURNED:
        draft.status = ReplyStatus.DRAFT
        draft.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=by,
        action="inforequest_reply.add_files",
        obj=draft,
        after={
            "request": request.tracking_code,
            "files": [{"name": f.name, "kind": f.kind, "size": f.size, "sha256": f.sha256} for f in stored],
        },
        agency=request.agency,
    )
    return stored


@transaction.atomic
def remove_file(*, request: InfoRequest, by: Any, file_id: int) -> None:
    draft = _editable(request, by)
    found = draft.files.filter(pk=file_id).first()
    if found is None:
        raise WorkflowError(404, "not_found", _("The reply has no such file."))
    audit.record(
        actor=by,
        action="inforequest_reply.remove_file",
        obj=draft,
        before={"request": request.tracking_code, "file": {"name": found.name, "sha256": found.sha256}},
        agency=request.agency,
    )
    stored = found.file
    found.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


def take_step(
    *,
    request: InfoRequest,
    by: Any,
    action: str,
    input: dict[str, Any] | None = None,
    acknowledged: bool = False,
) -> ReplyDraft:
    """Take a step of review or sign-off on the request's current draft (the kernel checks the rest)."""
    draft = current_draft(request)
    if draft is None:
        raise WorkflowError(409, "no_reply_draft", _("No reply is being prepared for this request."))
    return WORKFLOW.perform(draft, action, by=by, input=input or {}, acknowledged=acknowledged)
