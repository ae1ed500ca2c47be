"""Submission, confidentiality review (保密审查) with its checklist, overrides of privacy findings,
return for changes, and sign-off (签发): each step taken by the workflow kernel
(``actions.WORKFLOW``), the override of a finding by its own service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.core.users import person_or_none
from sunshine.records import findings, masking
from sunshine.records.actions import WORKFLOW
from sunshine.records.actions.handlers import reason_given
from sunshine.records.codes import EventKind
from sunshine.records.models import FindingDecision, Revision, ScanOverride
from sunshine.records.services.base import AnyUser, RecordError, _audit, _check, _event, _invalid, _lock, _now

Checklist = Mapping[str, bool] | Iterable[str] | None


def _ticked(checklist: Checklist) -> dict[str, bool] | list[str] | None:
    """The checklist as the typed input takes it (ticked items, or each item with its mark)."""
    if checklist is None or isinstance(checklist, Mapping):
        return None if checklist is None else dict(checklist)
    return list(checklist)


def submit(
    *, revision: Revision, by: AnyUser | None, acknowledge_findings: bool = False, comments: str = ""
) -> Revision:
    """Send a draft to confidentiality review. Open privacy findings stop it unless the officer asks
    the reviewer to decide on them (``acknowledge_findings``)."""
    return WORKFLOW.perform(
        revision, "submit", by=by, input={"comments": comments}, acknowledged=acknowledge_findings
    )


def review(
    *,
    revision: Revision,
    by: AnyUser | None,
    decision: str,
    checklist: Checklist = None,
    comments: str = "",
) -> Revision:
    """保密审查: approve with every checklist item confirmed, or return with comments."""
    if decision not in {"approve", "return"}:
        raise _invalid({"decision": _("Choose approve or return.")})
    if decision == "return":
        return return_for_changes(revision=revision, by=by, comments=comments, checklist=checklist)
    return WORKFLOW.perform(
        revision, "approve", by=by, input={"checklist": _ticked(checklist), "comments": comments}
    )


def return_for_changes(
    *,
    revision: Revision,
    by: AnyUser | None,
    comments: str,
    checklist: Checklist = None,
) -> Revision:
    """Back to the author with comments (from review, from sign-off, or cancelling a schedule)."""
    return WORKFLOW.perform(
        revision, "return", by=by, input={"comments": comments, "checklist": _ticked(checklist)}
    )


@transaction.atomic
def override_finding(
    *,
    revision: Revision,
    by: AnyUser | None,
    digest: str,
    reason: str = "",
    decision: str = FindingDecision.KEEP,
) -> ScanOverride:
    """A reviewer decides on one finding: it stays as it is (``keep``, e.g. the office's published
    phone number, with the reason), or the public reads it masked (``mask``: 110101********4258,
    138****8000, 张**) while staff keep the original. Masking is refused where it cannot be done
    honestly (a PDF, a classification mark, the title …; see ``findings``)."""
    if decision not in FindingDecision.values:
        raise _invalid({"decision": _("Choose to let it stay or to mask it.")})
    action = "mask" if decision == FindingDecision.MASK else "override"
    revision = _lock(revision)
    _check(revision, action, by)
    if decision == FindingDecision.KEEP:
        reason = reason_given(reason, "reason", _("Give the reason why this may be published."))
    else:  # a reason is welcome, not required: masking publishes nothing that identifies anyone
        reason = reason_given(reason, "reason", "") if (reason or "").strip() else ""
    match = next((f for f in findings.scan_revision(revision) if f.digest == digest), None)
    if match is None:
        raise RecordError(404, "not_found", _("This finding is no longer in the record."))
    if match.override is not None:
        return match.override
    if decision == FindingDecision.MASK and not match.may_mask:
        raise RecordError(422, "not_maskable", match.mask_refusal, {"decision": match.mask_refusal})
    override = ScanOverride.objects.create(
        revision=revision,
        kind=match.finding.kind,
        digest=digest,
        masked=match.masked,
        decision=decision,
        reason=reason,
        by=person_or_none(by),
        at=_now(),
    )
    if decision == FindingDecision.MASK:
        try:
            masking.check(revision)  # the copy can be made: say so now, not at publication
        except masking.MaskingFailed as exc:
            raise RecordError(422, "not_maskable", exc.message, {"decision": exc.message}) from exc
    kind = EventKind.MASK if decision == FindingDecision.MASK else EventKind.OVERRIDE
    _event(revision, kind, by, comments=reason, finding=match.finding.kind, masked=match.masked)
    _audit(
        by,
        "mask" if decision == FindingDecision.MASK else "override",
        revision,
        None,
        kind=match.finding.kind,
        masked=match.masked,
        reason=reason,
    )
    return override


def sign(*, revision: Revision, by: AnyUser | None, comments: str = "") -> Revision:
    """签发: the leader's sign-off; the privacy scan must be clear."""
    return WORKFLOW.perform(revision, "sign", by=by, input={"comments": comments})
