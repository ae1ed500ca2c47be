"""Drafts: creating and changing them (content checked and normalised), and new revisions of
published records."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core.users import person_or_none
from sunshine.records import attachments, richtext
from sunshine.records.actions import DRAFTER_ROLES, WORKFLOW
from sunshine.records.codes import OPEN_STATUSES, EventKind, Genre
from sunshine.records.models import Attachment, Category, Issuer, Record, Revision, Topic
from sunshine.records.selectors import latest_revision, may_act
from sunshine.records.services.base import (
    DOCUMENT_NUMBER,
    DRAFT_FIELDS,
    KEYWORD_SEPARATORS,
    MAX_ATTACHMENTS,
    MAX_BODY,
    MAX_KEYWORDS,
    MAX_SUMMARY,
    MAX_TITLE,
    AnyUser,
    _audit,
    _check,
    _event,
    _invalid,
    _lock,
    _snapshot,
)
from sunshine.records.services.files import _add_attachment
from sunshine.records.timeliness import deadline_start, publication_due
from sunshine.workdays.calendar import current_calendar

# --- Draft content ----------------------------------------------------------------------------


def normalize_document_number(number: str) -> str:
    """发文字号 with the year in 六角括号 as the national standard writes it: 阳政办发〔2026〕12号."""
    number = " ".join(number.split())
    match = DOCUMENT_NUMBER.fullmatch(number)
    return f"{match[1]}〔{match[2]}〕{match[3]}号" if match else number


def normalize_keywords(keywords: str) -> str:
    words = (w.strip() for w in keywords.translate(KEYWORD_SEPARATORS).split("；"))
    seen: list[str] = []
    for word in words:
        if word and word not in seen:
            seen.append(word)
    return "；".join(seen)


def _clean(
    agency: Agency, record: Record | None, fields: dict[str, Any], today: datetime.date
) -> dict[str, Any]:
    """Checked and normalised draft fields; raises WorkflowError(422) naming every bad field."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not draft fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    cleaned = dict(fields)
    if "title" in fields:
        cleaned["title"] = " ".join((fields["title"] or "").split())
        if not cleaned["title"]:
            errors["title"] = _("Give the title.")
        elif len(cleaned["title"]) > MAX_TITLE:
            errors["title"] = _("Enter at most %(n)s characters.") % {"n": MAX_TITLE}
    if "summary" in fields:
        cleaned["summary"] = (fields["summary"] or "").strip()
        if len(cleaned["summary"]) > MAX_SUMMARY:
            errors["summary"] = _("Enter at most %(n)s characters.") % {"n": MAX_SUMMARY}
    if "category" in fields:
        category = fields["category"]
        if not isinstance(category, Category) or category.agency_id != agency.pk or not category.is_active:
            errors["category"] = _("Choose a category of this agency's catalogue.")
    if "topic" in fields and fields["topic"] is not None and not isinstance(fields["topic"], Topic):
        errors["topic"] = _("Choose a topic from the list.")
    if "genre" in fields and fields["genre"] not in Genre.values:
        errors["genre"] = _("Choose the genre.")
    if "document_number" in fields:
        cleaned["document_number"] = normalize_document_number(fields["document_number"] or "")
        if len(cleaned["document_number"]) > 100:
            errors["document_number"] = _("Enter at most %(n)s characters.") % {"n": 100}
    if (
        "formation_date" in fields
        and fields["formation_date"] is not None
        and fields["formation_date"] > today
    ):
        errors["formation_date"] = _("The date of formation cannot be in the future.")
    if "keywords" in fields:
        cleaned["keywords"] = normalize_keywords(fields["keywords"] or "")
        if len(cleaned["keywords"]) > MAX_KEYWORDS:
            errors["keywords"] = _("Enter at most %(n)s characters.") % {"n": MAX_KEYWORDS}
    if "body" in fields:
        raw = fields["body"] or ""
        if len(raw) > MAX_BODY:
            errors["body"] = _("The text is too long.")
        else:
            cleaned["body"] = richtext.sanitize(raw)
    if "issuers" in fields:
        issuers = list(dict.fromkeys(fields["issuers"] or []))
        if not issuers:
            errors["issuers"] = _("Name at least one issuing agency.")
        elif any(not isinstance(a, Agency) or not a.is_active for a in issuers):
            errors["issuers"] = _("Choose active agencies.")
        cleaned["issuers"] = issuers
    if "interprets" in fields and fields["interprets"] is not None:
        target = fields["interprets"]
        if not isinstance(target, Record) or target.index_number is None:
            errors["interprets"] = _("Give the index number of a published policy document.")
        elif record is not None and target.pk == record.pk:
            errors["interprets"] = _("A record cannot interpret itself.")
    if "change_note" in fields:
        cleaned["change_note"] = (fields["change_note"] or "").strip()
        if len(cleaned["change_note"]) > 300:
            errors["change_note"] = _("Enter at most %(n)s characters.") % {"n": 300}
    if errors:
        raise _invalid(errors)
    return cleaned


def _apply(revision: Revision, cleaned: dict[str, Any]) -> list[str]:
    """Set the cleaned fields on the revision; answers the names of the model fields changed."""
    changed: list[str] = []
    for name, value in cleaned.items():
        if name == "issuers":
            continue
        setattr(revision, name, value)
        changed.append(name)
    if "body" in cleaned:
        revision.body_text = richtext.plain_text(revision.body)
        changed.append("body_text")
    return changed


def _set_issuers(revision: Revision, issuers: Iterable[Agency]) -> None:
    revision.issuer_rows.all().delete()
    Issuer.objects.bulk_create(
        Issuer(revision=revision, agency=agency, position=n) for n, agency in enumerate(issuers)
    )


def _compute_due(revision: Revision) -> None:
    """条例 Art. 26: 20 working days from formation (first revision) or from the change (later ones)."""
    started = timezone.localdate(revision.created_at) if revision.created_at else timezone.localdate()
    start = deadline_start(revision.number, revision.formation_date, started)
    due = publication_due(start, current_calendar())
    revision.due_on = due.date if due else None
    revision.due_on_provisional = bool(due and due.provisional)


def create_draft(
    *, agency: Agency, by: AnyUser | None, files: Sequence[tuple[BinaryIO, str]] = (), **fields: Any
) -> Revision:
    """A new record with its first revision, as a draft of ``agency``, with the ``files`` attached
    (file, name); a file refused leaves nothing stored. The files are read before the transaction."""
    attachments.inspect_all_ahead(files, at_most=MAX_ATTACHMENTS)
    return _create_draft(agency=agency, by=by, files=files, **fields)


@transaction.atomic
def _create_draft(
    *, agency: Agency, by: AnyUser | None, files: Sequence[tuple[BinaryIO, str]], **fields: Any
) -> Revision:
    if by is not None and not may_act(by, agency, DRAFTER_ROLES):
        raise WORKFLOW.forbidden()
    if not agency.is_active:
        raise _invalid({"agency": _("This agency is no longer active.")})
    fields.setdefault("issuers", [agency])
    missing = {name: _("This field is required.") for name in ("title", "category") if name not in fields}
    if missing:
        raise _invalid(missing)
    cleaned = _clean(agency, None, fields, timezone.localdate())
    record = Record.objects.create(agency=agency, created_by=person_or_none(by))
    revision = Revision(record=record, number=1, created_by=person_or_none(by))
    _apply(revision, cleaned)
    revision.save()
    _set_issuers(revision, cleaned["issuers"])
    _compute_due(revision)
    revision.save(update_fields=["due_on", "due_on_provisional"])
    _event(revision, EventKind.CREATE, by)
    _audit(by, "create", revision, None)
    for file, name in files:
        _add_attachment(revision=revision, by=by, file=file, name=name)  # read before the transaction
    return revision


def update_draft(
    *, revision: Revision, by: AnyUser | None, files: Sequence[tuple[BinaryIO, str]] = (), **fields: Any
) -> Revision:
    """Change a draft (or a returned one) and attach ``files``; all or nothing. The files are read
    before the transaction."""
    attachments.inspect_all_ahead(files, at_most=MAX_ATTACHMENTS)
    return _update_draft(revision=revision, by=by, files=files, **fields)


@transaction.atomic
def _update_draft(
    *, revision: Revision, by: AnyUser | None, files: Sequence[tuple[BinaryIO, str]], **fields: Any
) -> Revision:
    revision = _lock(revision)
    _check(revision, "edit", by)
    before = _snapshot(revision)
    cleaned = _clean(revision.record.agency, revision.record, fields, timezone.localdate())
    changed = _apply(revision, cleaned)
    if "issuers" in cleaned:
        _set_issuers(revision, cleaned["issuers"])
    if "formation_date" in cleaned:
        _compute_due(revision)
        changed.append("due_on")
    revision.save(update_fields=[*changed, "updated_at"])
    _event(revision, EventKind.EDIT, by, fields=sorted(fields))
    _audit(by, "edit", revision, before, fields=sorted(fields))
    for file, name in files:
        _add_attachment(revision=revision, by=by, file=file, name=name)  # read before the transaction
    return revision


COPIED_FIELDS = (
    "title",
    "summary",
    "category_id",
    "topic_id",
    "genre",
    "document_number",
    "formation_date",
    "keywords",
    "body",
    "body_text",
    "needs_interpretation",
    "interprets_id",
)


@transaction.atomic
def start_revision(*, record: Record, by: AnyUser | None) -> Revision:
    """Editing a published (or withdrawn) record: a new draft revision with the same content, which
    goes through review again; the published one stays public until the new one is published."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    current = latest_revision(record)
    _check(current, "revise", by)
    revision = Revision(
        record=record,
        number=current.number + 1,
        created_by=person_or_none(by),
        **{name: getattr(current, name) for name in COPIED_FIELDS},
    )
    revision.save()
    _set_issuers(revision, current.issuer_list())
    Attachment.objects.bulk_create(
        Attachment(
            revision=revision,
            file=a.file.name,
            name=a.name,
            kind=a.kind,
            size=a.size,
            sha256=a.sha256,
            text=a.text,
            has_text=a.has_text,
            position=a.position,
            uploaded_by=a.uploaded_by,
            uploaded_at=a.uploaded_at,
        )
        for a in current.attachments.all()
    )
    _compute_due(revision)
    revision.save(update_fields=["due_on", "due_on_provisional"])
    _event(revision, EventKind.REVISE, by, from_revision=current.number)
    _audit(by, "revise", revision, None, from_revision=current.number)
    return revision


@transaction.atomic
def refresh_due_dates(*, by: AnyUser | None = None) -> int:
    """Publication due dates that were unknown or provisional, computed again on the calendar as it now
    stands (run when a year is published, and by ``publish_due_records``). Idempotent."""
    updated = 0
    waiting = Revision.objects.filter(
        Q(due_on__isnull=True) | Q(due_on_provisional=True), status__in=OPEN_STATUSES
    )
    for revision in waiting.select_for_update(of=("self",)).select_related("record__agency").order_by("pk"):
        before = (revision.due_on, revision.due_on_provisional)
        _compute_due(revision)
        if (revision.due_on, revision.due_on_provisional) == before:
            continue
        revision.save(update_fields=["due_on", "due_on_provisional"])
        _audit(
            by,
            "confirm_due_date",
            revision,
            None,
            due_on_before=before[0].isoformat() if before[0] else None,
            provisional_before=before[1],
        )
        updated += 1
    return updated
