"""Attachments of a draft: add, replace, remove (type, size, checksum and text from ``attachments``).

A file is read (``attachments.inspect_ahead``) before the transaction that stores it opens: reading a
large or hostile file takes time, and a write transaction holds SQLite's only write lock."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.core.users import person_or_none
from sunshine.records import attachments as files
from sunshine.records.codes import EventKind
from sunshine.records.models import Attachment, Revision
from sunshine.records.services.base import (
    MAX_ATTACHMENTS,
    AnyUser,
    RecordError,
    _audit,
    _check,
    _event,
    _invalid,
    _lock,
    _now,
)

# --- Attachments ------------------------------------------------------------------------------


def _delete_file_if_unused(name: str) -> None:
    if name and not Attachment.objects.filter(file=name).exists():
        from django.core.files.storage import default_storage

        default_storage.delete(name)


def _refused(exc: files.AttachmentRejected) -> RecordError:
    return RecordError(422, exc.code, exc.message, {"file": exc.message})


def _read_ahead(revision: Revision, by: AnyUser | None, file: BinaryIO, name: str) -> None:
    """Read the file before the transaction; one it refuses is refused here, once the person may
    change the draft, without taking the write lock at all."""
    files.inspect_ahead(file, name)
    refused = files.refusal_ahead(file)
    if refused is not None:
        _check(revision, "edit", by)
        raise _refused(refused)


def _store_attachment(
    revision: Revision, by: AnyUser | None, file: BinaryIO, name: str, position: int
) -> Attachment:
    try:
        inspected = files.inspect(file, name, max_bytes=settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
    except files.AttachmentRejected as exc:
        raise _refused(exc) from exc
    attachment = Attachment(
        revision=revision,
        name=inspected.name,
        kind=inspected.kind,
        size=inspected.size,
        sha256=inspected.sha256,
        text=inspected.text,
        has_text=inspected.has_text,
        position=position,
        uploaded_by=person_or_none(by),
        uploaded_at=_now(),
    )
    attachment.file.save(f"upload.{inspected.kind}", File(file), save=False)
    stored = attachment.file.name
    try:
        attachment.save()
    except Exception:
        _delete_file_if_unused(stored)
        raise
    return attachment


def add_attachment(*, revision: Revision, by: AnyUser | None, file: BinaryIO, name: str) -> Attachment:
    """Check the file (type from content, size, text), store it and scan-ready its text."""
    _read_ahead(revision, by, file, name)
    return _add_attachment(revision=revision, by=by, file=file, name=name)


@transaction.atomic
def _add_attachment(*, revision: Revision, by: AnyUser | None, file: BinaryIO, name: str) -> Attachment:
    revision = _lock(revision)
    _check(revision, "edit", by)
    if revision.attachments.count() >= MAX_ATTACHMENTS:
        raise _invalid({"file": _("A record can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}})
    last = revision.attachments.order_by("-position").values_list("position", flat=True).first()
    attachment = _store_attachment(revision, by, file, name, (last or 0) + 1)
    detail: dict[str, Any] = {
        "attachment": attachment.pk,
        "name": attachment.name,
        "sha256": attachment.sha256,
        "size": attachment.size,
    }
    _event(revision, EventKind.ATTACH, by, **detail)
    _audit(by, "attach", revision, None, **detail)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by: AnyUser | None) -> None:
    revision = _lock(attachment.revision)
    _check(revision, "edit", by)
    attachment = Attachment.objects.get(pk=attachment.pk, revision=revision)
    detail: dict[str, Any] = {
        "attachment": attachment.pk,
        "name": attachment.name,
        "sha256": attachment.sha256,
    }
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: _delete_file_if_unused(stored))
    _event(revision, EventKind.DETACH, by, **detail)
    _audit(by, "detach", revision, None, **detail)


def replace_attachment(
    *, attachment: Attachment, by: AnyUser | None, file: BinaryIO, name: str
) -> Attachment:
    """A corrected file in the place of another (same position in the list)."""
    _read_ahead(attachment.revision, by, file, name)
    return _replace_attachment(attachment=attachment, by=by, file=file, name=name)


@transaction.atomic
def _replace_attachment(
    *, attachment: Attachment, by: AnyUser | None, file: BinaryIO, name: str
) -> Attachment:
    position = attachment.position
    remove_attachment(attachment=attachment, by=by)
    revision = _lock(attachment.revision)
    new = _store_attachment(revision, by, file, name, position)
    detail: dict[str, Any] = {
        "attachment": new.pk,
        "name": new.name,
        "sha256": new.sha256,
        "size": new.size,
        "replaces": attachment.pk,
    }
    _event(revision, EventKind.ATTACH, by, **detail)
    _audit(by, "attach", revision, None, **detail)
    return new
