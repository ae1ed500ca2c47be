"""The applicant answers a correction request online (条例 Art. 30; docs/legal.md#correction): the
corrected text and files arrive on the request's page or through the API, and the step
``receive_correction`` is recorded on the day they arrive, which starts the reply period again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core.workflow import WorkflowError, invalid
from sunshine.inforequests.actions import WORKFLOW
from sunshine.inforequests.codes import Status
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.records.attachments import AttachmentRejected, inspect, inspect_all_ahead, safe_name

MAX_TEXT = 5000
MAX_FILES = 10


def store_upload(
    request: InfoRequest, upload: UploadedFile, *, purpose: str = RequestFile.Purpose.CORRECTION
) -> RequestFile:
    """One file the applicant sent, checked by its content (type and size, as a record's
    attachments); WorkflowError 422 on ``files`` naming the file when it is refused."""
    name = safe_name(upload.name or "")
    content = cast(BinaryIO, upload)
    try:
        checked = inspect(content, name, max_bytes=settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
    except AttachmentRejected as exc:
        raise invalid({"files": f"{name}: {exc.message}"}) from exc
    stored = RequestFile(
        request=request,
        purpose=purpose,
        name=checked.name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        from_applicant=True,
        uploaded_at=timezone.now(),
    )
    stored.file.save(f"upload.{checked.kind}", File(content), save=False)
    stored.save()
    return stored


def read_ahead(files: Sequence[UploadedFile], *, at_most: int) -> None:
    """Read the applicant's files before the transaction that stores them (``store_upload`` then
    reuses what was read); nothing is read when there are more than ``at_most`` (refused anyway)."""
    if len(files) <= at_most:
        inspect_all_ahead((cast(BinaryIO, f), safe_name(f.name or "")) for f in files)


def answer_correction(
    *, request: InfoRequest, text: str, files: Sequence[UploadedFile] = (), today: Any = None
) -> InfoRequest:
    """Store the applicant's correction and record its arrival; WorkflowError when the request is
    not awaiting a correction (409) or the input is not valid (422). Nothing is kept on a refusal.
    The files are read before the transaction."""
    if request.status == Status.AWAITING_CORRECTION:
        read_ahead(files, at_most=MAX_FILES)
    return _answer_correction(request=request, text=text, files=files, today=today)


@transaction.atomic
def _answer_correction(
    *, request: InfoRequest, text: str, files: Sequence[UploadedFile], today: Any
) -> InfoRequest:
    text = (text or "").strip()
    if request.status != Status.AWAITING_CORRECTION:
        raise WorkflowError(
            409, "action_not_allowed", _("The agency is not waiting for a correction of this application.")
        )
    if not text and not files:
        raise invalid({"text": _("Write the correction, or attach the corrected documents.")})
    if len(text) > MAX_TEXT:
        raise invalid({"text": _("Enter at most %(n)s characters.") % {"n": MAX_TEXT}})
    if len(files) > MAX_FILES:
        raise invalid({"files": _("Attach at most %(n)s files.") % {"n": MAX_FILES}})
    stored: list[RequestFile] = []
    try:
        stored += [store_upload(request, upload) for upload in files]
        updated = WORKFLOW.perform(
            request,
            "receive_correction",
            by=None,
            input={"text": text, "file_ids": [f.pk for f in stored], "online": True},
            today=today,
        )
    except Exception:
        for orphan in stored:  # the rows go with the transaction; the files must go too
            orphan.file.delete(save=False)
        raise
    event = updated.events.filter(action="receive_correction").order_by("-id").first()
    RequestFile.objects.filter(pk__in=[f.pk for f in stored]).update(event=event)
    return updated
