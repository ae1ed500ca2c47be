"""The path of a draft reply, declared once for the workflow kernel (docs/workflows.md#replies):
draft → in review (保密审查: approve, or return with comments) → approved → signed (领导签批) → sent
by the request's ``reply`` step. A reviewer may let a privacy finding stay, with a reason. Editing a
draft (text, files, linked records) is ``replies.services``; it is possible in draft and returned."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, Field

from sunshine.agencies.models import Agency, Role
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, NoInput, ScanGate, Step, Texts, Workflow, WorkflowError, invalid
from sunshine.inforequests.codes import CONCLUDED_STATUSES, Outcome, ReplyStatus
from sunshine.inforequests.models import ReplyDraft
from sunshine.inforequests.replies import scan
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import may_act

REVIEWER_ROLES: frozenset[str] = frozenset({Role.REVIEWER, Role.DISCLOSURE_OFFICE})
SIGNER_ROLES: frozenset[str] = frozenset({Role.SIGNER, Role.DISCLOSURE_OFFICE})
RETURNER_ROLES: frozenset[str] = REVIEWER_ROLES | SIGNER_ROLES
EDITABLE: frozenset[str] = frozenset({ReplyStatus.DRAFT, ReplyStatus.RETURNED})
# Outcomes that hand information over: the draft must say what is handed over.
HANDS_OVER = frozenset({Outcome.DISCLOSED, Outcome.PARTIALLY_DISCLOSED})
MAX_COMMENT = 2000


class CommentIn(BaseModel):
    comments: str | None = Field(None, max_length=MAX_COMMENT)


class KeepFindingIn(BaseModel):
    digest: str = Field(..., max_length=64)
    reason: str | None = Field(None, max_length=MAX_COMMENT)


def complete_or_refuse(draft: ReplyDraft) -> None:
    """A draft goes to review only when it could be sent as it is."""
    errors: dict[str, str] = {}
    if not draft.outcome:
        errors["outcome"] = gettext("Choose the outcome of the reply.")
    elif draft.outcome != Outcome.DISCLOSED and not draft.reasons.strip():
        errors["reasons"] = gettext("Give the reasons and the legal basis of the reply.")
    if draft.outcome in HANDS_OVER and not (
        draft.files.exists() or draft.record_numbers or draft.note.strip()
    ):
        errors["files"] = gettext(
            "A reply that discloses information must carry it: attach the files, link the published "
            "records, or say in the detail how it is handed over."
        )
    if errors:
        raise invalid(errors)


def not_own_submission(draft: ReplyDraft, by: Any) -> None:
    """Four eyes: who sent a reply to review neither approves nor signs it (the disclosure office and
    superusers may)."""
    refuse_own_submission(draft.submitted_by_id, by, draft.request.agency)


def refuse_own_submission(submitted_by_id: int | None, by: Any, agency: Agency) -> None:
    """The four-eyes rule of any reply (a request's, a letter's): 403 ``own_submission`` when ``by``
    sent it to review, unless they are the agency's disclosure office or a superuser."""
    if by is None or getattr(by, "is_superuser", False):
        return
    if submitted_by_id == by.pk and not may_act(by, agency, {Role.DISCLOSURE_OFFICE}):
        raise WorkflowError(
            403,
            "own_submission",
            gettext("You sent this reply to review yourself: another person must approve and sign it."),
        )


def _submit(step: Step[ReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    complete_or_refuse(draft)
    draft.submitted_at, draft.submitted_by = step.now, person_or_none(step.by)
    draft.reviewer = draft.signer = None
    draft.reviewed_at = draft.signed_at = None
    return {"request": draft.request.tracking_code, "findings_left_to_reviewer": step.acknowledged}


def _approve(step: Step[ReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    draft.reviewer, draft.reviewed_at = person_or_none(step.by), step.now
    return {"comments": (step.input.comments or "").strip()}


def _return(step: Step[ReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    comments = (step.input.comments or "").strip()
    if not comments:
        raise invalid({"comments": gettext("Say what must change.")})
    draft.returned_by, draft.return_comment = person_or_none(step.by), comments
    draft.reviewer = draft.signer = None
    draft.reviewed_at = draft.signed_at = None
    return {"comments": comments}


def _sign(step: Step[ReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    draft.signer, draft.signed_at = person_or_none(step.by), step.now
    return {"comments": (step.input.comments or "").strip()}


def _keep_finding(step: Step[ReplyDraft]) -> dict[str, Any]:
    draft, f = step.obj, step.input
    reason = (f.reason or "").strip()
    if not reason:
        raise invalid({"reason": gettext("Say why it may stay.")})
    found = next((x for x in scan.open_findings(draft) if x.digest == f.digest), None)
    if found is None:
        raise invalid({"digest": gettext("This finding is not open in the draft.")})
    kept = dict(draft.kept_findings or {})
    kept[f.digest] = {"reason": reason, "by": getattr(step.by, "pk", None), "at": step.now.isoformat()}
    draft.kept_findings = kept
    return {
        "finding": {"kind": str(found.finding.kind), "masked": found.masked, "where": found.source_label},
        "reason": reason,
    }


_DECLARED: tuple[Action[ReplyDraft], ...] = (
    Action(
        "submit",
        EDITABLE,
        ReplyStatus.SUBMITTED,
        HANDLING_ROLES,
        Texts(
            button=_("Send the reply to review"),
            history=_("Reply sent to review"),
            help=_("The reply passes the confidentiality review and the sign-off before it is sent."),
        ),
        _submit,
        NoInput,
        ScanGate.CONFIRM,
    ),
    Action(
        "keep_finding",
        frozenset({ReplyStatus.SUBMITTED, ReplyStatus.APPROVED}),
        None,
        REVIEWER_ROLES,
        Texts(
            button=_("Let it stay"),
            history=_("Privacy finding in a reply let stay"),
            help=_("A reviewer lets one finding of the privacy scan stay in the reply, with the reason."),
        ),
        _keep_finding,
        KeepFindingIn,
    ),
    Action(
        "approve",
        frozenset({ReplyStatus.SUBMITTED}),
        ReplyStatus.APPROVED,
        REVIEWER_ROLES,
        Texts(
            button=_("Approve the reply"),
            history=_("Reply approved in review"),
            help=_("Nothing in the reply or its files stands against sending it (条例 Art. 17)."),
        ),
        _approve,
        CommentIn,
        ScanGate.BLOCK,
    ),
    Action(
        "return",
        frozenset({ReplyStatus.SUBMITTED, ReplyStatus.APPROVED, ReplyStatus.SIGNED}),
        ReplyStatus.RETURNED,
        RETURNER_ROLES,
        Texts(
            button=_("Return the reply for changes"),
            history=_("Reply returned for changes"),
            help=_("The reply goes back to the officer with your comments."),
        ),
        _return,
        CommentIn,
    ),
    Action(
        "sign",
        frozenset({ReplyStatus.APPROVED}),
        ReplyStatus.SIGNED,
        SIGNER_ROLES,
        Texts(
            button=_("Sign the reply"),
            history=_("Reply signed"),
            help=_("领导签批: the responsible leader approves sending the reply."),
        ),
        _sign,
        CommentIn,
        ScanGate.BLOCK,
    ),
)
ACTIONS: dict[str, Action[ReplyDraft]] = {a.name: a for a in _DECLARED}


def _agency(draft: ReplyDraft) -> Agency:
    return draft.request.agency


def _lock(draft: ReplyDraft) -> ReplyDraft:
    return (
        ReplyDraft.objects.select_for_update().select_related("request", "request__agency").get(pk=draft.pk)
    )


def _snapshot(draft: ReplyDraft) -> dict[str, Any]:
    return {
        "request": draft.request.tracking_code,
        **audit.snapshot(draft, ["status", "outcome", "reviewer", "signer", "returned_by"]),
    }


FOUR_EYES = frozenset({"approve", "sign"})


def _check(step: Step[ReplyDraft]) -> None:
    if step.obj.request.status in CONCLUDED_STATUSES:
        raise WorkflowError(
            409, "request_concluded", gettext("The request is concluded: no reply can be sent.")
        )
    if step.action.name in FOUR_EYES:
        not_own_submission(step.obj, step.by)


def _scan_gate(step: Step[ReplyDraft]) -> None:
    found = scan.open_findings(step.obj)
    if not found or (step.action.scan == ScanGate.CONFIRM and step.acknowledged):
        return
    n = len(found)
    if step.action.scan == ScanGate.CONFIRM:
        message = ngettext(
            "The privacy scan found %(n)s possible piece of personal data or classification mark in the "
            "reply. Remove it, or send the reply to review anyway and let the reviewer decide.",
            "The privacy scan found %(n)s possible pieces of personal data or classification marks in the "
            "reply. Remove them, or send the reply to review anyway and let the reviewer decide.",
            n,
        )
    else:
        message = ngettext(
            "The privacy scan found %(n)s possible piece of personal data or classification mark in the "
            "reply. It must be removed, or a reviewer must let it stay, before this step.",
            "The privacy scan found %(n)s possible pieces of personal data or classification marks in the "
            "reply. Each must be removed, or a reviewer must let it stay, before this step.",
            n,
        )
    raise WorkflowError(409, "privacy_findings", message % {"n": n})


def _may_act(user: Any, agency: Agency, roles: frozenset[str]) -> bool:
    return may_act(user, agency, roles)


def _save(step: Step[ReplyDraft]) -> None:
    step.obj.updated_at = timezone.now()
    step.obj.save()


WORKFLOW: Workflow[ReplyDraft] = Workflow(
    name="inforequest_reply",
    actions=ACTIONS,
    agency_of=_agency,
    may_act=_may_act,
    snapshot=_snapshot,
    lock=_lock,
    not_allowed_message=lambda draft, action: (
        gettext("This cannot be done while the reply is “%(status)s”.")
        % {"status": draft.get_status_display()}
    ),
    forbidden_message=lambda: gettext(
        "Your roles do not allow you to take this step on this agency's replies."
    ),
    check=_check,
    scan_gate=_scan_gate,
    save=_save,
)
