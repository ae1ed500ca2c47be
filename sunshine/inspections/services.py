"""Changes to inspections, findings and rectifications (docs/inspections.md). Each is one transaction
with an audit row: ``inspection.create``, ``inspection.check`` (checklist results),
``inspection.finding`` (a finding with its evidence; it opens a rectification,
``inspection_rectification.open``), ``inspection.complaint`` (a rectification opened from a complaint
letter), and the steps of both workflows on the kernel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, subtree_of
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.inspections.actions import (
    INSPECTION,
    RECTIFICATION,
    inspection_snapshot,
    record_event,
    rectification_snapshot,
)
from sunshine.inspections.codes import (
    COMPLAINT_KINDS,
    OPEN_RECTIFICATION,
    InspectionStatus,
    Kind,
    Result,
)
from sunshine.inspections.models import (
    ChecklistItem,
    CheckResult,
    Evidence,
    Finding,
    Inspection,
    Rectification,
)
from sunshine.inspections.selectors import may_inspect
from sunshine.letters.models import Letter
from sunshine.records.attachments import AttachmentRejected, inspect, inspect_all_ahead, safe_name
from sunshine.records.codes import AttachmentKind
from sunshine.records.models import Record
from sunshine.workdays.calendar import current_calendar, not_published_message
from sunshine.workdays.clock import CalendarNotPublished, deadline

IMAGE_KINDS = frozenset({AttachmentKind.PNG, AttachmentKind.JPEG, AttachmentKind.GIF})
MAX_LINKS = 20
MAX_RECORDS = 20
MAX_FILES = 10


@dataclass(frozen=True)
class Upload:
    name: str
    file: BinaryIO


def _forbid(user: AnyUser, agency: Agency) -> None:
    if not may_inspect(user, agency):
        raise PermissionDenied(_("Only the disclosure office and supervisors carry out inspections."))


def _lines(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


@transaction.atomic
def create_inspection(
    *,
    by: AnyUser,
    office: Agency,
    title: str,
    kind: str,
    period: str,
    agencies: Sequence[Agency],
    items: Sequence[str],
    today: datetime.date | None = None,
) -> Inspection:
    """A planned inspection of ``agencies`` (all in the office's subtree) with its checklist."""
    _forbid(by, office)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the inspection a title.")
    if kind not in Kind.values:
        errors["kind"] = _("Choose quarterly or surprise.")
    if not period.strip():
        errors["period"] = _("Say which period the inspection covers.")
    if not agencies:
        errors["agencies"] = _("Choose at least one agency to inspect.")
    elif subtree_of(office).filter(pk__in=[a.pk for a in agencies]).count() != len({a.pk for a in agencies}):
        errors["agencies"] = _("Every agency inspected must be the office's own or one below it.")
    checklist = _lines(items)
    if not checklist:
        errors["items"] = _("Write at least one checklist item, one per line.")
    elif any(len(line) > 500 for line in checklist):
        errors["items"] = _("Keep each checklist item under 500 characters.")
    if errors:
        raise invalid(errors)
    inspection = Inspection.objects.create(
        title=title.strip()[:200],
        kind=kind,
        period=period.strip()[:40],
        office=office,
        created_on=today,
        created_by=person_or_none(by),
    )
    inspection.agencies.set(agencies)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(inspection=inspection, position=n, text=text) for n, text in enumerate(checklist)
    )
    audit.record(
        actor=by,
        action="inspection.create",
        obj=inspection,
        after={
            **inspection_snapshot(inspection),
            "agencies": sorted(a.code for a in agencies),
            "items": checklist,
        },
        agency=office,
    )
    return inspection


def perform_inspection_action(
    *,
    inspection: Inspection,
    action: str,
    by: AnyUser,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Inspection:
    return INSPECTION.perform(inspection, action, by=by, date=date, today=today)


def _in_progress(inspection: Inspection) -> None:
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise WorkflowError(
            409,
            "inspection_not_in_progress",
            _("Results and findings are recorded while the inspection is in progress."),
        )


@transaction.atomic
def record_results(
    *, inspection: Inspection, by: AnyUser, results: Mapping[tuple[int, int], tuple[str, str]]
) -> int:
    """Set the result (pass, fail, not applicable) and note of checklist items per agency, keyed by
    (item id, agency id); an empty result clears it. Returns how many changed."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _forbid(by, inspection.office)
    _in_progress(inspection)
    items = set(inspection.items.values_list("pk", flat=True))
    agencies = set(inspection.agencies.values_list("pk", flat=True))
    existing = {(r.item_id, r.agency_id): r for r in CheckResult.objects.filter(item__inspection=inspection)}
    errors: dict[str, str] = {}
    changed: list[dict[str, Any]] = []
    for (item_id, agency_id), (result, note) in results.items():
        if item_id not in items or agency_id not in agencies:
            continue
        note = (note or "").strip()[:1000]
        if result and result not in Result.values:
            errors[f"result-{item_id}-{agency_id}"] = _("Choose pass, fail or not applicable.")
            continue
        found = existing.get((item_id, agency_id))
        if not result:
            if found is not None:
                found.delete()
                changed.append({"item": item_id, "agency": agency_id, "result": ""})
            continue
        if found is not None and (found.result, found.note) == (result, note):
            continue
        CheckResult.objects.update_or_create(
            item_id=item_id, agency_id=agency_id, defaults={"result": result, "note": note}
        )
        changed.append({"item": item_id, "agency": agency_id, "result": result, "note": note})
    if errors:
        raise invalid(errors)
    if changed:
        audit.record(
            actor=by,
            action="inspection.check",
            obj=inspection,
            after={"results": changed},
            agency=inspection.office,
        )
    return len(changed)


def _rectification_due(opened_on: datetime.date) -> tuple[datetime.date, bool]:
    try:
        due = deadline(opened_on, settings.SUNSHINE_INSPECTION_RECTIFICATION_DAYS, current_calendar())
    except CalendarNotPublished as exc:
        raise WorkflowError(422, "calendar_not_published", not_published_message(exc.year)) from exc
    return due.date, due.provisional


def _open_rectification(finding: Finding, by: AnyUser) -> Rectification:
    due, provisional = _rectification_due(finding.found_on)
    rectification = Rectification.objects.create(
        finding=finding,
        agency=finding.agency,
        opened_on=finding.found_on,
        due_date=due,
        due_date_provisional=provisional,
    )
    record_event(rectification, "open", finding.found_on, by)
    audit.record(
        actor=by,
        action="inspection_rectification.open",
        obj=rectification,
        after={**rectification_snapshot(rectification), "finding": finding.pk},
        agency=finding.agency,
    )
    return rectification


def _clean_links(links: Iterable[str]) -> tuple[list[str], str | None]:
    cleaned = _lines(links)
    if len(cleaned) > MAX_LINKS:
        return [], _("Give at most %(n)s links.") % {"n": MAX_LINKS}
    for link in cleaned:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(link) > 500:
            return [], _("“%(link)s” is not a web address (http:// or https://).") % {"link": link[:80]}
    return cleaned, None


def _clean_records(numbers: Iterable[str]) -> tuple[list[str], str | None]:
    cleaned = list(dict.fromkeys(_lines(numbers)))
    if len(cleaned) > MAX_RECORDS:
        return [], _("Give at most %(n)s index numbers.") % {"n": MAX_RECORDS}
    known = set(Record.objects.filter(index_number__in=cleaned).values_list("index_number", flat=True))
    missing = [n for n in cleaned if n not in known]
    if missing:
        return [], _("No record has the index number %(number)s.") % {"number": ", ".join(missing)}
    return cleaned, None


def _check_uploads(uploads: Sequence[Upload]) -> tuple[list[tuple[Upload, Any]], str | None]:
    if len(uploads) > MAX_FILES:
        return [], _("Attach at most %(n)s files.") % {"n": MAX_FILES}
    checked = []
    for upload in uploads:
        try:
            found = inspect(upload.file, upload.name, max_bytes=int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES))
        except AttachmentRejected as exc:
            return [], f"{safe_name(upload.name)}: {exc.message}"
        if found.kind not in IMAGE_KINDS:
            return [], _("%(name)s: evidence files are images (PNG, JPEG or GIF): screenshots or photos.") % {
                "name": safe_name(upload.name)
            }
        checked.append((upload, found))
    return checked, None


def add_finding(
    *,
    inspection: Inspection,
    by: AnyUser,
    agency_id: int | None,
    text: str,
    item_id: int | None = None,
    links: Iterable[str] = (),
    records: Iterable[str] = (),
    uploads: Sequence[Upload] = (),
    today: datetime.date | None = None,
) -> Finding:
    """A finding at one of the inspected agencies, with its evidence; it opens a rectification due
    ``SUNSHINE_INSPECTION_RECTIFICATION_DAYS`` working days later. The evidence is read before the
    transaction (for those who may inspect)."""
    if may_inspect(by, inspection.office) and len(uploads) <= MAX_FILES:
        inspect_all_ahead((upload.file, upload.name) for upload in uploads)
    return _add_finding(
        inspection=inspection,
        by=by,
        agency_id=agency_id,
        text=text,
        item_id=item_id,
        links=links,
        records=records,
        uploads=uploads,
        today=today,
    )


@transaction.atomic
def _add_finding(
    *,
    inspection: Inspection,
    by: AnyUser,
    agency_id: int | None,
    text: str,
    item_id: int | None,
    links: Iterable[str],
    records: Iterable[str],
    uploads: Sequence[Upload],
    today: datetime.date | None,
) -> Finding:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _forbid(by, inspection.office)
    _in_progress(inspection)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    agency = inspection.agencies.filter(pk=agency_id).first() if agency_id else None
    if agency is None:
        errors["agency"] = _("Choose one of the agencies inspected.")
    item = inspection.items.filter(pk=item_id).first() if item_id else None
    if item_id and item is None:
        errors["item"] = _("Choose an item of this inspection's checklist.")
    if not text.strip():
        errors["text"] = _("Describe what was found.")
    clean_links, problem = _clean_links(links)
    if problem:
        errors["links"] = problem
    clean_records, problem = _clean_records(records)
    if problem:
        errors["records"] = problem
    checked, problem = _check_uploads(uploads)
    if problem:
        errors["evidence"] = problem
    if errors:
        raise invalid(errors)
    assert agency is not None
    finding = Finding.objects.create(
        inspection=inspection,
        agency=agency,
        item=item,
        text=text.strip()[:5000],
        links=clean_links,
        records=clean_records,
        found_on=today,
        by=person_or_none(by),
    )
    for upload, found in checked:
        evidence = Evidence(
            finding=finding,
            name=found.name,
            kind=found.kind,
            size=found.size,
            sha256=found.sha256,
        )
        evidence.file.save(evidence.name, File(upload.file), save=False)
        evidence.save()
    audit.record(
        actor=by,
        action="inspection.finding",
        obj=finding,
        after={
            "inspection": inspection.pk,
            "agency": agency.code,
            "text": finding.text,
            "links": clean_links,
            "records": clean_records,
            "files": [e.sha256 for e in finding.evidence.all()],
        },
        agency=agency,
    )
    _open_rectification(finding, by)
    return finding


@transaction.atomic
def open_from_complaint(
    *, letter: Letter, by: AnyUser, text: str = "", today: datetime.date | None = None
) -> Rectification:
    """A finding from a complaint letter about the agency it addressed, and its rectification. 409
    ``rectification_open`` while one opened from the same letter is still under way."""
    letter = Letter.objects.select_for_update().select_related("addressed_to").get(pk=letter.pk)
    agency = letter.addressed_to
    _forbid(by, agency)
    if letter.kind not in COMPLAINT_KINDS:
        raise WorkflowError(409, "not_a_complaint", _("Only a complaint can open a rectification."))
    if Rectification.objects.filter(finding__letter=letter, status__in=OPEN_RECTIFICATION).exists():
        raise WorkflowError(
            409, "rectification_open", _("A rectification opened from this complaint is still under way.")
        )
    today = today or timezone.localdate()
    body = text.strip() or _("Complaint %(code)s: %(subject)s") % {
        "code": letter.tracking_code,
        "subject": letter.subject,
    }
    finding = Finding.objects.create(
        agency=agency, letter=letter, text=body[:5000], found_on=today, by=person_or_none(by)
    )
    audit.record(
        actor=by,
        action="inspection.complaint",
        obj=finding,
        after={"letter": letter.tracking_code, "agency": agency.code, "text": finding.text},
        agency=agency,
    )
    return _open_rectification(finding, by)


def perform_rectification_action(
    *,
    rectification: Rectification,
    action: str,
    by: AnyUser,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> Rectification:
    return RECTIFICATION.perform(rectification, action, by=by, input=fields, date=date, today=today)
