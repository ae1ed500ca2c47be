"""State changes of the bulletin, each one transaction with an audit row (``bulletin.*``):

- ``create_issue``: a draft issue (year, number, title, publication date) of an agency;
- ``add_entry``, ``remove_entry``, ``move_entry``: its table of contents, while it is a draft;
- ``publish_issue``: the entries take a copy of what their records say now, the PDF is made once
  and kept with its SHA-256; from then on the issue is frozen (every change above is refused).

Only the disclosure office of the issue's agency (or of one above it) takes these steps
(``selectors.may_compile``).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.bulletins import pdf, selectors
from sunshine.bulletins.models import Entry, Issue, IssueStatus
from sunshine.core import audit, public_cache
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.records.models import Record, Revision

TITLE_MAX = 200
SECTION_MAX = 50
MAX_NUMBER = 999
ISSUE_FIELDS = ("year", "number", "title", "published_on", "status")


def issue_snapshot(issue: Issue) -> dict[str, Any]:
    return audit.snapshot(issue, ISSUE_FIELDS)


def entry_snapshot(entry: Entry) -> dict[str, Any]:
    return audit.snapshot(entry, ["issue", "record", "section", "order", "index_number"])


def default_title(agency: Agency, year: int, number: int) -> str:
    """阳光市人民政府公报 2026年第12期"""
    return f"{agency.name}公报 {year}年第{number}期"


def _forbidden() -> WorkflowForbidden:
    return WorkflowForbidden(_("Only the disclosure office of the agency compiles its bulletin."))


def _frozen() -> WorkflowError:
    return WorkflowError(409, "action_not_allowed", _("A published issue cannot be changed."))


def create_issue(
    *,
    agency: Agency,
    by: AnyUser,
    year: int,
    number: int,
    published_on: datetime.date,
    title: str = "",
) -> Issue:
    """A new draft issue of ``agency``'s bulletin; ``title`` defaults to "<agency>公报 <year>年第<n>期"."""
    if not selectors.may_compile(by, agency):
        raise _forbidden()
    errors: dict[str, str] = {}
    if not agency.is_active:
        errors["agency"] = _("This agency is no longer active.")
    if not 1 <= number <= MAX_NUMBER:
        errors["number"] = _("Give a number from 1 to %(limit)d.") % {"limit": MAX_NUMBER}
    title = title.strip() or default_title(agency, year, number)
    if len(title) > TITLE_MAX:
        errors["title"] = _("At most %(limit)d characters.") % {"limit": TITLE_MAX}
    if Issue.objects.filter(year=year, number=number).exists():
        errors["number"] = _("Issue %(number)d of %(year)d exists already.") % {
            "number": number,
            "year": year,
        }
    if errors:
        raise invalid(errors)
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                agency=agency,
                year=year,
                number=number,
                title=title,
                published_on=published_on,
                created_by=person_or_none(by),
            )
            audit.record(
                actor=by, action="bulletin.create", obj=issue, after=issue_snapshot(issue), agency=agency
            )
    except IntegrityError as exc:  # the same number taken at the same moment
        raise invalid(
            {"number": _("Issue %(number)d of %(year)d exists already.") % {"number": number, "year": year}}
        ) from exc
    return issue


def _draft(issue: Issue, by: AnyUser) -> Issue:
    """The issue's row locked, the person's roles and the status checked."""
    locked = Issue.objects.select_for_update().select_related("agency").get(pk=issue.pk)
    if not selectors.may_compile(by, locked.agency):
        raise _forbidden()
    if locked.status != IssueStatus.DRAFT:
        raise _frozen()
    return locked


def _copy_from(entry: Entry, revision: Revision) -> None:
    """What the issue prints of the record: its published revision as it is now."""
    entry.title = revision.title
    entry.index_number = revision.record.index_number or ""
    entry.document_number = revision.document_number
    entry.formation_date = revision.formation_date
    entry.agency_name = revision.record.agency.name


def _renumber(entries: list[Entry]) -> None:
    for order, entry in enumerate(entries, 1):
        if entry.order != order:
            entry.order = order
            entry.save(update_fields=["order"])


@transaction.atomic
def add_entry(*, issue: Issue, by: AnyUser, record: Record, section: str) -> Entry:
    """Print ``record`` (a published record of the issue's tree) under ``section``: after the last
    entry of that section, or at the end when the section is new."""
    issue = _draft(issue, by)
    section = " ".join(section.split())
    if not section:
        raise invalid({"section": _("Give the section heading.")})
    if len(section) > SECTION_MAX:
        raise invalid({"section": _("At most %(limit)d characters.") % {"limit": SECTION_MAX}})
    revision = selectors.addable_records(issue).filter(record=record).first()
    if revision is None:
        raise invalid({"record": _("Only published records of the agency and those below it can be added.")})
    entries = selectors.entries_of(issue)
    if any(entry.record_id == record.pk for entry in entries):
        raise invalid({"record": _("This record is in the issue already.")})
    same = [n for n, entry in enumerate(entries) if entry.section == section]
    position = same[-1] + 1 if same else len(entries)
    entry = Entry(issue=issue, record=record, section=section, order=position + 1)
    _copy_from(entry, revision)
    for later in entries[position:]:  # make room
        later.order += 1
        later.save(update_fields=["order"])
    entry.save()
    audit.record(
        actor=by, action="bulletin.add_entry", obj=entry, after=entry_snapshot(entry), agency=issue.agency
    )
    return entry


@transaction.atomic
def remove_entry(*, entry: Entry, by: AnyUser) -> Issue:
    issue = _draft(entry.issue, by)
    before = entry_snapshot(entry)
    audit.record(actor=by, action="bulletin.remove_entry", obj=entry, before=before, agency=issue.agency)
    entry.delete()
    _renumber(selectors.entries_of(issue))
    return issue


@transaction.atomic
def move_entry(*, entry: Entry, by: AnyUser, direction: str) -> Entry:
    """One place ``up`` or ``down`` in the table of contents (nothing at either end)."""
    if direction not in ("up", "down"):
        raise invalid({"direction": _("Move up or down.")})
    issue = _draft(entry.issue, by)
    entries = selectors.entries_of(issue)
    index = next(n for n, e in enumerate(entries) if e.pk == entry.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(entries):
        return entries[index]
    before = entry_snapshot(entries[index])
    entries[index], entries[other] = entries[other], entries[index]
    _renumber(entries)
    moved = entries[other]
    audit.record(
        actor=by,
        action="bulletin.move_entry",
        obj=moved,
        before=before,
        after=entry_snapshot(moved),
        agency=issue.agency,
    )
    return moved


def current_items(issue: Issue) -> tuple[list[pdf.Item], list[Entry]]:
    """The entries of a draft with their records' text as published now, and the entries whose
    record is no longer published (withdrawn since it was added)."""
    entries = selectors.entries_of(issue)
    revisions = {
        revision.record_id: revision
        for revision in selectors.addable_records(issue).filter(record_id__in=[e.record_id for e in entries])
    }
    items, gone = [], []
    for entry in entries:
        revision = revisions.get(entry.record_id)
        if revision is None:
            gone.append(entry)
            continue
        _copy_from(entry, revision)
        items.append(pdf.Item(entry, revision.public_body_text))
    return items, gone


def preview(issue: Issue) -> bytes:
    """A draft issue as it would be published now (nothing is stored); ``FontNotFound`` without a
    CJK font."""
    items, _gone = current_items(issue)
    return pdf.issue_pdf(issue, items)


@transaction.atomic
def publish_issue(*, issue: Issue, by: AnyUser, now: datetime.datetime | None = None) -> Issue:
    """Freeze the issue: the entries copy their records as published now, the PDF is made and kept
    with its SHA-256. Refused without entries, when a record was withdrawn meanwhile, or when no CJK
    font can be found (the PDF is the issue)."""
    issue = _draft(issue, by)
    before = issue_snapshot(issue)
    items, gone = current_items(issue)
    if gone:
        raise WorkflowError(
            409,
            "record_withdrawn",
            _("These records are no longer published; remove them first: %(titles)s")
            % {"titles": "、".join(entry.title for entry in gone)},
        )
    if not items:
        raise WorkflowError(409, "empty_issue", _("Add at least one record before publishing."))
    now = now or timezone.now()
    try:
        content = pdf.issue_pdf(issue, items, made_at=now)
    except FontNotFound as exc:
        raise WorkflowError(409, "pdf_unavailable", str(exc)) from exc
    for item in items:
        item.entry.save(
            update_fields=["title", "index_number", "document_number", "formation_date", "agency_name"]
        )
    issue.pdf = content
    issue.sha256 = hashlib.sha256(content).hexdigest()
    issue.status = IssueStatus.PUBLISHED
    issue.published_at = now
    issue.published_by = person_or_none(by)
    issue.save(update_fields=["pdf", "sha256", "status", "published_at", "published_by", "updated_at"])
    audit.record(
        actor=by,
        action="bulletin.publish",
        obj=issue,
        before=before,
        after={**issue_snapshot(issue), "entries": len(items), "sha256": issue.sha256},
        agency=issue.agency,
    )
    public_cache.bump()
    return issue
