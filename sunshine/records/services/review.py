"""Submission, confidentiality review (保密审查) with its checklist, overrides of privacy findings,
return for changes, and sign-off (签发)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.core.users import person_or_none
from sunshine.records import findings
from sunshine.records.codes import ChecklistItem, EventKind, Status
from sunshine.records.models import Revision, ScanOverride
from sunshine.records.services.base import (
    MAX_REASON,
    AnyUser,
    RecordError,
    _audit,
    _check,
    _event,
    _invalid,
    _lock,
    _not_own_submission,
    _now,
    _scan_gate,
    _snapshot,
)

# --- Review and sign-off ----------------------------------------------------------------------


@transaction.atomic
def submit(
    *, revision: Revision, by: AnyUser | None, acknowledge_findings: bool = False, comments: str = ""
) -> Revision:
    """Send a draft to confidentiality review. Open privacy findings stop it unless the officer asks
    the reviewer to decide on them (``acknowledge_findings``)."""
    revision = _lock(revision)
    _check(revision, "submit", by)
    missing: dict[str, str] = {}
    if revision.formation_date is None:
        missing["formation_date"] = _("Give the date of formation.")
    if not revision.body_text.strip() and not revision.attachments.exists():
        missing["body"] = _("Give the text or attach the document.")
    if missing:
        raise RecordError(422, "incomplete", _("The record is not complete yet."), missing)
    _scan_gate(revision, "submit", acknowledged=acknowledge_findings)
    before = _snapshot(revision)
    revision.status = Status.SUBMITTED
    revision.submitted_by = person_or_none(by)
    revision.submitted_at = _now()
    revision.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    open_count = len(findings.open_findings(revision))
    _event(revision, EventKind.SUBMIT, by, comments=comments.strip(), open_findings=open_count)
    _audit(by, "submit", revision, before, open_findings=open_count)
    return revision


def _checklist(values: Mapping[str, bool] | Iterable[str] | None) -> dict[str, bool]:
    if values is None:
        return dict.fromkeys(ChecklistItem.values, False)
    ticked = {k for k, v in values.items() if v} if isinstance(values, Mapping) else set(values)
    unknown = ticked - set(ChecklistItem.values)
    if unknown:
        raise _invalid(
            {"checklist": _("Unknown checklist items: %(items)s.") % {"items": ", ".join(sorted(unknown))}}
        )
    return {item: item in ticked for item in ChecklistItem.values}


@transaction.atomic
def review(
    *,
    revision: Revision,
    by: AnyUser | None,
    decision: str,
    checklist: Mapping[str, bool] | Iterable[str] | None = None,
    comments: str = "",
) -> Revision:
    """保密审查: approve with every checklist item confirmed, or return with comments."""
    if decision not in {"approve", "return"}:
        raise _invalid({"decision": _("Choose approve or return.")})
    if decision == "return":
        return return_for_changes(revision=revision, by=by, comments=comments, checklist=checklist)
    revision = _lock(revision)
    _check(revision, "approve", by)
    _not_own_submission(revision, by)
    items = _checklist(checklist)
    if not all(items.values()):
        raise _invalid(
            {"checklist": _("Confirm every item of the checklist to approve, or return the record.")}
        )
    _scan_gate(revision, "approve")
    before = _snapshot(revision)
    revision.status = Status.APPROVED
    revision.save(update_fields=["status", "updated_at"])
    _event(revision, EventKind.APPROVE, by, checklist=items, comments=comments.strip())
    _audit(by, "approve", revision, before, checklist=items)
    return revision


@transaction.atomic
def return_for_changes(
    *,
    revision: Revision,
    by: AnyUser | None,
    comments: str,
    checklist: Mapping[str, bool] | Iterable[str] | None = None,
) -> Revision:
    """Back to the author with comments (from review, from sign-off, or cancelling a schedule)."""
    revision = _lock(revision)
    _check(revision, "return", by)
    comments = (comments or "").strip()
    if not comments:
        raise _invalid({"comments": _("Say what has to change.")})
    if len(comments) > MAX_REASON:
        raise _invalid({"comments": _("Enter at most %(n)s characters.") % {"n": MAX_REASON}})
    items = _checklist(checklist) if checklist is not None else {}
    before = _snapshot(revision)
    revision.status = Status.RETURNED
    revision.publish_at = None
    revision.save(update_fields=["status", "publish_at", "updated_at"])
    _event(revision, EventKind.RETURN, by, checklist=items, comments=comments)
    _audit(by, "return", revision, before)
    return revision


@transaction.atomic
def override_finding(*, revision: Revision, by: AnyUser | None, digest: str, reason: str) -> ScanOverride:
    """A reviewer lets one finding stay (e.g. the office's published phone number), with the reason."""
    revision = _lock(revision)
    _check(revision, "override", by)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid({"reason": _("Give the reason why this may be published.")})
    if len(reason) > MAX_REASON:
        raise _invalid({"reason": _("Enter at most %(n)s characters.") % {"n": MAX_REASON}})
    match = next((f for f in findings.scan_revision(revision) if f.digest == digest), None)
    if match is None:
        raise RecordError(404, "not_found", _("This finding is no longer in the record."))
    if match.override is not None:
        return match.override
    override = ScanOverride.objects.create(
        revision=revision,
        kind=match.finding.kind,
        digest=digest,
        masked=match.masked,
        reason=reason,
        by=person_or_none(by),
        at=_now(),
    )
    _event(revision, EventKind.OVERRIDE, by, comments=reason, finding=match.finding.kind, masked=match.masked)
    _audit(by, "override", revision, None, kind=match.finding.kind, masked=match.masked, reason=reason)
    return override


@transaction.atomic
def sign(*, revision: Revision, by: AnyUser | None, comments: str = "") -> Revision:
    """签发: the leader's sign-off; the privacy scan must be clear."""
    revision = _lock(revision)
    _check(revision, "sign", by)
    _not_own_submission(revision, by)
    _scan_gate(revision, "sign")
    before = _snapshot(revision)
    revision.status = Status.SIGNED
    revision.save(update_fields=["status", "updated_at"])
    _event(revision, EventKind.SIGN, by, comments=(comments or "").strip())
    _audit(by, "sign", revision, before)
    return revision
