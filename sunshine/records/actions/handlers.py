"""The handlers of the record actions and their checks.

A check runs after the kernel's role and status checks and before the privacy gate (the input in
people's words, the four-eyes rule); a handler changes the revision (not its status, which the
kernel sets) and answers the data its history event and audit row keep.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Role
from sunshine.core import public_cache
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Step, WorkflowError, WorkflowForbidden, invalid
from sunshine.records import findings, index_numbers, indexing, masking
from sunshine.records.actions.hooks import checklist, forbidden_message, snapshot, write_audit, write_event
from sunshine.records.actions.inputs import MAX_REASON, MAX_SCHEDULE_DAYS
from sunshine.records.codes import EventKind, Status
from sunshine.records.models import Record, Revision
from sunshine.records.selectors import may_act

RevisionStep = Step[Revision]

# --- Checks -----------------------------------------------------------------------------------


def not_own_submission(revision: Revision, by: Any) -> None:
    """Four eyes: who submitted a record does not also review or sign it (the disclosure office may)."""
    if by is None or getattr(by, "is_superuser", False):
        return
    if revision.submitted_by_id == by.pk and not may_act(
        by, revision.record.agency, {Role.DISCLOSURE_OFFICE}
    ):
        raise WorkflowError(
            403,
            "own_submission",
            _("You submitted this record yourself: another person must review and sign it off."),
        )


def reason_given(value: str | None, field: str, missing: str) -> str:
    """A required text of at most MAX_REASON characters, stripped; 422 naming ``field``."""
    text = (value or "").strip()
    if not text:
        raise invalid({field: missing})
    if len(text) > MAX_REASON:
        raise invalid({field: _("Enter at most %(n)s characters.") % {"n": MAX_REASON}})
    return text


def _check_submit(step: RevisionStep) -> None:
    revision = step.obj
    missing: dict[str, str] = {}
    if revision.formation_date is None:
        missing["formation_date"] = _("Give the date of formation.")
    if not revision.body_text.strip() and not revision.attachments.exists():
        missing["body"] = _("Give the text or attach the document.")
    if missing:
        raise WorkflowError(422, "incomplete", _("The record is not complete yet."), missing)


def _check_approve(step: RevisionStep) -> None:
    not_own_submission(step.obj, step.by)
    if not all(checklist(step.input.checklist).values()):
        raise invalid(
            {"checklist": _("Confirm every item of the checklist to approve, or return the record.")}
        )


def _check_return(step: RevisionStep) -> None:
    reason_given(step.input.comments, "comments", _("Say what has to change."))
    if step.input.checklist is not None:
        checklist(step.input.checklist)


def _check_sign(step: RevisionStep) -> None:
    not_own_submission(step.obj, step.by)


def _check_schedule(step: RevisionStep) -> None:
    if step.input.at > step.now + datetime.timedelta(days=MAX_SCHEDULE_DAYS):
        raise invalid({"at": _("Schedule the publication within a year.")})


def _check_publish(step: RevisionStep) -> None:
    if step.input.backdate is not None and step.by is not None:
        raise WorkflowForbidden(forbidden_message())


def _check_withdraw(step: RevisionStep) -> None:
    reason_given(step.input.reason, "reason", _("Give the reason for the withdrawal."))


CHECKS: dict[str, Callable[[RevisionStep], None]] = {
    "submit": _check_submit,
    "approve": _check_approve,
    "return": _check_return,
    "sign": _check_sign,
    "schedule": _check_schedule,
    "publish": _check_publish,
    "withdraw": _check_withdraw,
}


def check(step: RevisionStep) -> None:
    """The domain's checks of the step being taken (the kernel's ``check`` hook)."""
    rule = CHECKS.get(step.action.name)
    if rule is not None:
        rule(step)


# --- Publication ------------------------------------------------------------------------------


def check_interpreted(revision: Revision) -> None:
    """An interpretation (解读) is published after the policy document it interprets."""
    if revision.interprets_id is None:
        return
    if not Revision.objects.filter(record_id=revision.interprets_id, status=Status.PUBLISHED).exists():
        message = _("The policy document this interprets is not published: publish it first.")
        raise WorkflowError(409, "interpreted_not_published", message, {"interprets": message})


def check_interpreted_or_scheduled(revision: Revision, at: datetime.datetime) -> None:
    """An interpretation may be scheduled with its policy document, not before it."""
    if revision.interprets_id is None:
        return
    ready = Revision.objects.filter(record_id=revision.interprets_id).filter(
        status__in=[Status.PUBLISHED, Status.SCHEDULED]
    )
    if not any(r.status == Status.PUBLISHED or (r.publish_at and r.publish_at <= at) for r in ready):
        check_interpreted(revision)


def _supersede(previous: Revision, by: Any, when: datetime.datetime, by_revision: int) -> None:
    """The revision published so far gives way to the new one (a step of the system, recorded for
    the person who publishes)."""
    from sunshine.records.actions.declarations import WORKFLOW

    declared = WORKFLOW.action("supersede")
    if previous.status not in declared.allowed_from:
        raise WorkflowError(409, WORKFLOW.not_allowed_code, WORKFLOW.not_allowed_message(previous, declared))
    old = snapshot(previous)
    previous.status = str(declared.to)
    previous.save(update_fields=["status", "updated_at"])
    write_event(previous, EventKind.SUPERSEDE, by, at=when, by_revision=by_revision)
    write_audit(by, "supersede", previous, old)


def _publish(step: RevisionStep, when: datetime.datetime) -> dict[str, Any]:
    revision = step.obj
    check_interpreted(revision)
    record = Record.objects.select_for_update().select_related("agency").get(pk=revision.record_id)
    for previous in Revision.objects.select_for_update().filter(record=record, status=Status.PUBLISHED):
        _supersede(previous, step.by, when, revision.number)
    if record.index_number is None:
        record.index_number = index_numbers.allocate(record.agency, timezone.localtime(when).year)
        record.first_published_at = when
        record.save(update_fields=["index_number", "first_published_at"])
    revision.record = record
    revision.published_at = when
    try:
        masking.publish_copy(revision)  # the masked copy the public reads (docs/privacy.md)
    except masking.MaskingFailed as exc:
        raise WorkflowError(409, "masking_failed", exc.message) from exc
    return {"index_number": record.index_number}


# --- Handlers ---------------------------------------------------------------------------------


def _comments(step: RevisionStep) -> str:
    """The comments given with a step, kept in its audit row as in its history."""
    return (getattr(step.input, "comments", None) or "").strip()


def submit(step: RevisionStep) -> dict[str, Any]:
    step.obj.submitted_by = person_or_none(step.by)
    step.obj.submitted_at = step.now
    return {
        "open_findings": len(findings.open_findings(step.obj)),
        "findings_left_to_reviewer": step.acknowledged,
        "comments": _comments(step),
    }


def approve(step: RevisionStep) -> dict[str, Any]:
    return {"checklist": checklist(step.input.checklist), "comments": _comments(step)}


def return_for_changes(step: RevisionStep) -> dict[str, Any]:
    step.obj.publish_at = None
    return {"comments": _comments(step)}


def sign(step: RevisionStep) -> dict[str, Any]:
    """签发 changes nothing but the status."""
    return {"comments": _comments(step)}


def schedule(step: RevisionStep) -> dict[str, Any]:
    check_interpreted_or_scheduled(step.obj, step.input.at)
    step.obj.publish_at = step.input.at
    return {"publish_at": step.input.at}


def unschedule(step: RevisionStep) -> None:
    step.obj.publish_at = None


def publish(step: RevisionStep) -> dict[str, Any]:
    return _publish(step, step.input.backdate or step.now)


def publish_due(step: RevisionStep) -> dict[str, Any]:
    assert step.obj.publish_at is not None  # publish_due takes only revisions with their time set
    return _publish(step, step.obj.publish_at)


def withdraw(step: RevisionStep) -> dict[str, Any]:
    reason = reason_given(step.input.reason, "reason", _("Give the reason for the withdrawal."))
    step.obj.withdrawn_at = step.now
    step.obj.withdrawal_reason = reason
    return {"reason": reason}


# Steps after which the search index and the cached public pages change at once.
PUBLIC_CHANGES = frozenset({"publish", "publish_due", "withdraw"})


def save(step: RevisionStep) -> None:
    """Store the revision; a step that changes what the public sees updates the search index in
    the same transaction and the cached public pages at once."""
    step.obj.save()
    if step.action.name in PUBLIC_CHANGES:
        indexing.sync_record(step.obj.record_id)
        public_cache.bump()
