"""State changes of service cases: the application (online or registered by staff), every action
through the kernel, the materials' files and the sweep that records the law's own acceptance. Each
is one transaction with an audit row; the files are read (``attachments.inspect_ahead``) before it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.cases import access, notifications
from sunshine.cases.actions import WORKFLOW
from sunshine.cases.actions.handlers import notice_deadline
from sunshine.cases.clock import recompute_dates
from sunshine.cases.codes import Channel, Status
from sunshine.cases.events import record_event, snapshot
from sunshine.cases.models import Case, CaseMaterial
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.eservices.models import Version
from sunshine.inforequests.services import Applicant, applicant_language
from sunshine.inforequests.validation import applicant_errors
from sunshine.letters.clock import online_receipt_day
from sunshine.records.attachments import AttachmentRejected, inspect, inspect_all_ahead
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.errors import calendar_error

AnyUser = AbstractBaseUser | AnonymousUser

__all__ = [
    "Applicant",
    "Upload",
    "attach_file",
    "outstanding_keys",
    "perform_action",
    "send_material",
    "submit_case",
    "sweep",
]


@dataclass(frozen=True)
class Upload:
    """A file sent for a material: its key, its name as sent and its bytes."""

    key: str
    name: str
    file: BinaryIO


def _material_errors(version: Version, keys: Sequence[str], uploads: Sequence[Upload]) -> dict[str, str]:
    known = set(version.materials.values_list("key", flat=True))
    errors: dict[str, str] = {}
    for n, key in enumerate(keys):
        if key not in known:
            errors[f"materials.{n}"] = _("The guide of this service has no material with this key.")
    for upload in uploads:
        if upload.key not in known:
            errors[f"materials.{upload.key}"] = _("The guide of this service has no material with this key.")
    return errors


def _store_file(case: Case, upload: Upload, day: datetime.date) -> CaseMaterial:
    """Check the file like record attachments (type from its bytes, size limited) and keep it."""
    try:
        found = inspect(upload.file, upload.name, max_bytes=int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES))
    except AttachmentRejected as exc:
        raise invalid({f"materials.{upload.key}": exc.message}) from exc
    material = CaseMaterial(
        case=case,
        key=upload.key,
        name=found.name,
        kind=found.kind,
        size=found.size,
        sha256=found.sha256,
        received_on=day,
    )
    material.file.save(material.name, File(upload.file), save=False)
    material.save()
    return material


def read_ahead(uploads: Sequence[Upload], keys: set[str] | None = None) -> None:
    """Read the files (of the materials ``keys``, else all) before the transaction that stores them;
    ``_store_file`` then reuses what was read."""
    inspect_all_ahead((u.file, u.name) for u in uploads if keys is None or u.key in keys)


def submit_case(
    *,
    version: Version,
    applicant: Applicant,
    materials: Sequence[str] = (),
    uploads: Sequence[Upload] = (),
    channel: str = Channel.ONLINE,
    received_on: datetime.date | None = None,
    by: AnyUser | None = None,
    today: datetime.date | None = None,
) -> tuple[Case, str]:
    """Store a new case for the published ``version``; return it with the applicant's access key
    (shown once, never stored). Online (``by`` None) the application is received the day it is sent
    if that is a working day, else on the next one; staff give the day of receipt. The files are
    read before the transaction (those of the guide's materials)."""
    read_ahead(uploads, set(version.materials.values_list("key", flat=True)))
    return submit_read_case(
        version=version,
        applicant=applicant,
        materials=materials,
        uploads=uploads,
        channel=channel,
        received_on=received_on,
        by=by,
        today=today,
    )


@transaction.atomic
def submit_read_case(
    *,
    version: Version,
    applicant: Applicant,
    materials: Sequence[str] = (),
    uploads: Sequence[Upload] = (),
    channel: str = Channel.ONLINE,
    received_on: datetime.date | None = None,
    by: AnyUser | None = None,
    today: datetime.date | None = None,
) -> tuple[Case, str]:
    """``submit_case`` once its files are read (``read_ahead``), for callers already in a transaction."""
    today = today or timezone.localdate()
    errors = applicant_errors(applicant)
    if channel not in Channel.values:
        errors["channel"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Channel.values)}
    if received_on is not None and received_on > today:
        errors["received_on"] = _("The date cannot be in the future.")
    errors.update(_material_errors(version, materials, uploads))
    if errors:
        raise invalid(errors)
    try:
        if received_on is None:
            received_on = online_receipt_day(today, current_calendar())
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    case = Case.objects.create(
        tracking_code=access.new_tracking_code(today.year),
        access_salt=access.new_salt(),
        item=version.item,
        version=version,
        agency=version.item.agency,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_type=applicant.id_type,
        applicant_id_number=applicant.id_number.strip(),
        applicant_phone=applicant.phone.strip(),
        applicant_email=applicant.email.strip(),
        applicant_address=applicant.address.strip(),
        # Online, the language of the page or API call; registered by staff, the site's.
        language=applicant_language() if by is None else settings.LANGUAGE_CODE,
        channel=channel,
        received_on=received_on,
        complete_on=received_on,
        statutory_days=version.statutory_days,
        promised_days=version.promised_days,
        created_by=person_or_none(by),
    )
    with_file = {u.key for u in uploads}
    for key in dict.fromkeys(materials):
        if key not in with_file:
            CaseMaterial.objects.create(case=case, key=key, received_on=received_on)
    for upload in uploads:
        _store_file(case, upload, received_on)
    data: dict[str, Any] = {"channel": channel, "materials": sorted(set(materials) | with_file)}
    if by is None:
        event = record_event(case, "submit", today, None, **data)
    else:
        event = record_event(case, "register", received_on, by, **data)
    notifications.plan_and_send(case, event)  # the applicant is told it was received
    audit.record(
        actor=by,
        action="case.register" if by is not None else "case.submit",
        obj=case,
        after=snapshot(case),
        agency=case.agency,
    )
    return case, access.access_key_for(case)


def perform_action(
    *,
    case: Case,
    action: str,
    by: AnyUser | None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> Case:
    """Take one action on a case (``actions.ACTIONS``) through the workflow kernel; WorkflowError
    when it is not allowed, and then nothing has changed."""
    return WORKFLOW.perform(case, action, by=by, input=fields, date=date, today=today)


def attach_file(*, case: Case, upload: Upload, today: datetime.date | None = None) -> CaseMaterial:
    """A file for one of the case's materials, sent by the applicant with the key, before the
    decision. Nothing changes in the status: the officer records the missing items received. The
    file is read before the transaction."""
    if case.status in (Status.SUBMITTED, Status.AWAITING_MATERIALS):
        read_ahead([upload])
    return _attach_file(case=case, upload=upload, today=today)


@transaction.atomic
def _attach_file(*, case: Case, upload: Upload, today: datetime.date | None = None) -> CaseMaterial:
    if case.status not in (Status.SUBMITTED, Status.AWAITING_MATERIALS):
        raise WorkflowError(409, "materials_closed", _("Materials are no longer taken for this case."))
    errors = _material_errors(case.version, (), (upload,))
    if errors:
        raise invalid(errors)
    material = _store_file(case, upload, today or timezone.localdate())
    audit.record(
        actor=None,
        action="case.add_material",
        obj=case,
        after={"material": upload.key, "kind": material.kind, "size": material.size},
        agency=case.agency,
    )
    return material


def outstanding_keys(case: Case) -> list[str]:
    """The materials the one-time notice names that have not arrived since: no file received on
    or after the day of the notice. Empty unless the case waits for materials."""
    if case.status != Status.AWAITING_MATERIALS or case.notified_on is None:
        return []
    named = [str(i.get("material", "")) for i in case.missing_items if isinstance(i, dict)]
    arrived = set(
        case.materials.filter(received_on__gte=case.notified_on)
        .exclude(file="")
        .values_list("key", flat=True)
    )
    return [key for key in dict.fromkeys(named) if key and key not in arrived]


def send_material(
    *, case: Case, upload: Upload, today: datetime.date | None = None
) -> tuple[CaseMaterial, bool]:
    """``_send_material`` with the file read before its transaction, while the case takes files."""
    if case.status in (Status.SUBMITTED, Status.AWAITING_MATERIALS):
        read_ahead([upload])
    return _send_material(case=case, upload=upload, today=today)


@transaction.atomic
def _send_material(
    *, case: Case, upload: Upload, today: datetime.date | None = None
) -> tuple[CaseMaterial, bool]:
    """The applicant's file for one material (``attach_file``, same checks). When it is the last of
    the items the notice named, the resubmission is recorded: a history event ``resubmit`` and an
    audit row ``case.resubmit``, once per notice; the officers of the agency are told; and the case
    goes back to review: the system takes ``receive_missing`` (the materials are complete that day,
    the 5 working days of examination run again). Returns the material and whether the resubmission
    was recorded now."""
    today = today or timezone.localdate()
    locked = Case.objects.select_for_update().select_related("agency", "item", "version").get(pk=case.pk)
    waiting = outstanding_keys(locked)
    material = _attach_file(case=locked, upload=upload, today=today)
    complete = bool(waiting) and not outstanding_keys(locked)
    if not complete or locked.events.filter(action="resubmit", date__gte=locked.notified_on).exists():
        return material, False
    keys = [
        str(i.get("material", "")) for i in locked.missing_items if isinstance(i, dict) and i.get("material")
    ]
    event = record_event(locked, "resubmit", today, None, materials=keys)
    audit.record(
        actor=None,
        action="case.resubmit",
        obj=locked,
        after={"materials": keys, "status": locked.status},
        agency=locked.agency,
    )
    notifications.plan_and_send(locked, event)  # the officers are told
    WORKFLOW.perform(locked, "receive_missing", by=None, date=today, today=today)
    return material, True


def sweep(today: datetime.date | None = None) -> list[Case]:
    """Record the law's own acceptance (行政许可法 Art. 32) of every case examined for more than 5
    working days without a notice of missing items or a decision: accepted on the day the complete
    materials arrived, the event dated the last day of the 5. Idempotent: an accepted case is not
    taken again. Returns the cases accepted now."""
    today = today or timezone.localdate()
    accepted: list[Case] = []
    candidates = Case.objects.filter(status=Status.SUBMITTED).select_related("agency")
    for case in candidates.iterator(chunk_size=500):
        try:
            deadline = notice_deadline(case)
        except CalendarNotPublished:
            continue
        if deadline >= today:
            continue
        try:
            accepted.append(WORKFLOW.perform(case, "auto_accept", by=None, date=deadline, today=today))
        except WorkflowError:
            continue  # changed meanwhile (e.g. accepted by an officer): nothing to record
    return accepted


def recompute(case: Case) -> None:
    """Recompute and store the dates of one case (after a calendar change)."""
    recompute_dates(case)
    case.save(update_fields=["due_date", "promised_date", "due_date_provisional"])
