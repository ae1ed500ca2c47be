"""Applications written through the pages (docs/cases.md#applying-through-pages): the draft kept on
the server between the pages, its files, the one submission, and the removal of old drafts.

The browser's session holds only a random token; the row is found by the token's SHA-256, so the
database alone does not open a draft. Files are checked as the case's materials are (type from their
bytes, size limited) and stored under random names, never public; each is read before the
transaction that stores it. Sending goes through ``services.submit_case`` (the API's service) once:
the draft then forgets the applicant's details and files and keeps only the case, so sending again
shows the same case."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.cases import services
from sunshine.cases.models import Case, CaseDraft, CaseDraftFile
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.eservices.codes import OnlineLevel
from sunshine.eservices.models import Material, Version
from sunshine.records.attachments import AttachmentRejected, inspect, inspect_ahead

APPLICANT_FIELDS = ("kind", "name", "id_type", "id_number", "phone", "email", "address")
DEFAULT_KEEP_DAYS = 7


def accepts_online(version: Version) -> bool:
    """Whether the guide lets people apply online (its online level)."""
    return version.online_level >= OnlineLevel.APPLY


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find(token: str | None, version: Version) -> CaseDraft | None:
    """The draft of ``token`` for the service of ``version``. A draft begun under an older version of
    the guide moves to the published one; files of materials the new version no longer has go."""
    if not token:
        return None
    draft = CaseDraft.objects.filter(token_digest=_digest(token), version__item_id=version.item_id).first()
    if draft is None or draft.case_id is not None or draft.version_id == version.pk:
        return draft
    keys = {m.key for m in version.materials.all()}
    for stale in draft.files.exclude(key__in=keys):
        _drop_file(stale)
    draft.version = version
    draft.save(update_fields=["version", "updated_at"])
    return draft


def start(version: Version) -> tuple[CaseDraft, str]:
    """A new, empty draft and its token (for the session)."""
    token = new_token()
    return CaseDraft.objects.create(token_digest=_digest(token), version=version), token


def applicant_of(draft: CaseDraft | None) -> services.Applicant | None:
    """The details saved on the draft, or None before the applicant gave them."""
    if draft is None or not draft.applicant:
        return None
    return services.Applicant(**{name: str(draft.applicant.get(name, "")) for name in APPLICANT_FIELDS})


def save_applicant(draft: CaseDraft, applicant: services.Applicant) -> None:
    draft.applicant = {name: getattr(applicant, name) for name in APPLICANT_FIELDS}
    draft.save(update_fields=["applicant", "updated_at"])


def _drop_file(stored: CaseDraftFile) -> None:
    stored.file.delete(save=False)
    stored.delete()


def attach(draft: CaseDraft, material: Material, name: str, file: BinaryIO) -> CaseDraftFile:
    """The file of one material: checked from its bytes and its size (before the transaction); it
    replaces the one sent before. WorkflowError 422 (field ``file``) when it is refused, and nothing
    changes."""
    inspect_ahead(file, name)
    return _attach(draft, material, name, file)


@transaction.atomic
def _attach(draft: CaseDraft, material: Material, name: str, file: BinaryIO) -> CaseDraftFile:
    try:
        found = inspect(file, name, max_bytes=int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES))
    except AttachmentRejected as exc:
        raise invalid({"file": exc.message}) from exc
    for old in draft.files.filter(key=material.key):
        _drop_file(old)
    stored = CaseDraftFile(draft=draft, key=material.key, name=found.name, kind=found.kind, size=found.size)
    stored.file.save(stored.name, File(file), save=False)
    stored.save()
    CaseDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    return stored


def files_by_key(draft: CaseDraft | None) -> dict[str, CaseDraftFile]:
    return {f.key: f for f in draft.files.all()} if draft is not None else {}


def needed(material: Material) -> bool:
    """A material everyone must send: required, with no condition."""
    return material.required and not material.condition.strip()


def problems(draft: CaseDraft | None, version: Version) -> dict[str, str]:
    """What stops sending: the details not given, a required material without its file."""
    found: dict[str, str] = {}
    if applicant_of(draft) is None:
        found["applicant"] = _("Give your details.")
    sent = files_by_key(draft)
    for material in version.materials.all():
        if needed(material) and material.key not in sent:
            found[f"materials.{material.key}"] = _("Send the file of “%(name)s”.") % {"name": material.name}
    return found


@dataclass(frozen=True)
class Sent:
    case: Case
    access_key: str | None  # None when the draft had been sent before: the key is shown once


def submit(draft: CaseDraft, today: datetime.date | None = None) -> Sent:
    """Send the draft as a case through ``services.submit_case``, once: a second call (a double click,
    a reload) answers the same case without its key. WorkflowError when it cannot be sent. The files
    are opened and read before the transaction."""
    handles: dict[int, Any] = {}
    try:
        for f in CaseDraftFile.objects.filter(draft=draft, draft__case__isnull=True):
            handles[f.pk] = f.file.open("rb")
            inspect_ahead(handles[f.pk], f.name)
        return _submit(draft, today, handles)
    finally:
        for handle in handles.values():
            handle.close()


def _submit(draft: CaseDraft, today: datetime.date | None, handles: dict[int, Any]) -> Sent:
    with transaction.atomic():
        locked = CaseDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.case_id is not None:
            return Sent(Case.objects.select_related("agency", "item", "version").get(pk=locked.case_id), None)
        version = locked.version
        missing = problems(locked, version)
        if missing:
            raise invalid(missing)
        applicant = applicant_of(locked)
        assert applicant is not None
        stored = list(locked.files.all())
        for f in stored:  # a file sent since it was read above: read now
            if f.pk not in handles:
                handles[f.pk] = f.file.open("rb")
        uploads = [services.Upload(key=f.key, name=f.name, file=handles[f.pk]) for f in stored]
        case, key = services.submit_read_case(
            version=version, applicant=applicant, uploads=uploads, today=today
        )
        locked.case, locked.applicant = case, {}
        locked.save(update_fields=["case", "applicant", "updated_at"])
        names = [f.file.name for f in stored]
        CaseDraftFile.objects.filter(draft=locked).delete()
        transaction.on_commit(lambda: _delete_stored(names))
    return Sent(case, key)


def _delete_stored(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def purge(now: datetime.datetime | None = None, keep_days: int | None = None) -> int:
    """Remove the drafts (and their files) last changed more than ``keep_days`` days ago
    (``SUNSHINE_CASE_DRAFT_DAYS``, 7 by default). Returns how many went."""
    days = (
        keep_days
        if keep_days is not None
        else int(getattr(settings, "SUNSHINE_CASE_DRAFT_DAYS", DEFAULT_KEEP_DAYS))
    )
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = CaseDraft.objects.filter(updated_at__lt=cutoff)
    count = 0
    for draft in old.iterator(chunk_size=200):
        for stored in draft.files.all():
            stored.file.delete(save=False)
        draft.delete()
        count += 1
    return count


__all__ = [
    "Sent",
    "WorkflowError",
    "accepts_online",
    "applicant_of",
    "attach",
    "find",
    "problems",
    "purge",
    "save_applicant",
    "start",
    "submit",
]
