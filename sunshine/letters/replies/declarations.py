"""The path of a letter's draft reply, declared once for the workflow kernel (docs/letters.md#reply-review):
draft → in review (保密审查: approve, or return with comments) → approved → signed (领导签批) → sent by
the letter's ``reply`` step. The roles, the step input and the four-eyes rule are those of request
replies (``inforequests.replies.declarations``). Writing the draft is ``replies.services``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, NoInput, ScanGate, Step, Texts, Workflow, WorkflowError, invalid
from sunshine.inforequests.replies.declarations import (
    REVIEWER_ROLES,
    SIGNER_ROLES,
    CommentIn,
    refuse_own_submission,
)
from sunshine.letters import selectors
from sunshine.letters.codes import CONCLUDED_STATUSES, ReplyStatus
from sunshine.letters.models import LetterReplyDraft
from sunshine.letters.replies import scan
from sunshine.letters.roles import HANDLING_ROLES

__all__ = ["ACTIONS", "EDITABLE", "RETURNER_ROLES", "REVIEWER_ROLES", "SIGNER_ROLES", "WORKFLOW"]

RETURNER_ROLES: frozenset[str] = REVIEWER_ROLES | SIGNER_ROLES
EDITABLE: frozenset[str] = frozenset({ReplyStatus.DRAFT, ReplyStatus.RETURNED})
FOUR_EYES = frozenset({"approve", "sign"})


def _submit(step: Step[LetterReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    if not draft.text.strip():
        raise invalid({"text": gettext("Write the reply.")})
    draft.submitted_at, draft.submitted_by = step.now, person_or_none(step.by)
    draft.reviewer = draft.signer = None
    draft.reviewed_at = draft.signed_at = None
    return {"letter": draft.letter.tracking_code, "findings_left_to_reviewer": step.acknowledged}


def _approve(step: Step[LetterReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    draft.reviewer, draft.reviewed_at = person_or_none(step.by), step.now
    return {"comments": (step.input.comments or "").strip()}


def _return(step: Step[LetterReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    comments = (step.input.comments or "").strip()
    if not comments:
        raise invalid({"comments": gettext("Say what must change.")})
    draft.returned_by, draft.return_comment = person_or_none(step.by), comments
    draft.reviewer = draft.signer = None
    draft.reviewed_at = draft.signed_at = None
    return {"comments": comments}


def _sign(step: Step[LetterReplyDraft]) -> dict[str, Any]:
    draft = step.obj
    draft.signer, draft.signed_at = person_or_none(step.by), step.now
    return {"comments": (step.input.comments or "").strip()}


_DECLARED: tuple[Action[LetterReplyDraft], ...] = (
    Action(
        "submit",
        EDITABLE,
        ReplyStatus.IN_REVIEW,
        HANDLING_ROLES,
        Texts(
            button=_("Send the reply to review"),
            history=_("Reply to a letter sent to review"),
            help=_("The reply passes the confidentiality review and the sign-off before it is sent."),
        ),
        _submit,
        NoInput,
        ScanGate.CONFIRM,
    ),
    Action(
        "approve",
        frozenset({ReplyStatus.IN_REVIEW}),
        ReplyStatus.APPROVED,
        REVIEWER_ROLES,
        Texts(
            button=_("Approve the reply"),
            history=_("Reply to a letter approved in review"),
            help=_("Nothing in the reply stands against sending it."),
        ),
        _approve,
        CommentIn,
    ),
    Action(
        "return",
        frozenset({ReplyStatus.IN_REVIEW, ReplyStatus.APPROVED, ReplyStatus.SIGNED}),
        ReplyStatus.RETURNED,
        RETURNER_ROLES,
        Texts(
            button=_("Return the reply for changes"),
            history=_("Reply to a letter returned for changes"),
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
            history=_("Reply to a letter signed"),
            help=_("领导签批: the responsible leader approves sending the reply."),
        ),
        _sign,
        CommentIn,
    ),
)
ACTIONS: dict[str, Action[LetterReplyDraft]] = {a.name: a for a in _DECLARED}


def _agency(draft: LetterReplyDraft) -> Agency:
    return draft.letter.agency


def _lock(draft: LetterReplyDraft) -> LetterReplyDraft:
    return (
        LetterReplyDraft.objects.select_for_update()
        .select_related("letter", "letter__agency")
        .get(pk=draft.pk)
    )


def _snapshot(draft: LetterReplyDraft) -> dict[str, Any]:
    return {
        "letter": draft.letter.tracking_code,
        **audit.snapshot(draft, ["status", "publish", "reviewer", "signer", "returned_by"]),
    }


def _check(step: Step[LetterReplyDraft]) -> None:
    if step.obj.letter.status in CONCLUDED_STATUSES:
        raise WorkflowError(
            409, "letter_concluded", gettext("The letter is concluded: no reply can be sent.")
        )
    if step.action.name in FOUR_EYES:
        refuse_own_submission(step.obj.submitted_by_id, step.by, step.obj.letter.agency)


def _scan_gate(step: Step[LetterReplyDraft]) -> None:
    """Open findings stop ``submit`` unless the officer leaves them to the reviewer."""
    found = scan.scan_draft(step.obj)
    if not found or step.acknowledged:
        return
    n = len(found)
    message = ngettext(
        "The privacy scan found %(n)s possible piece of personal data or classification mark in the "
        "reply. Remove it, or send the reply to review anyway and let the reviewer decide.",
        "The privacy scan found %(n)s possible pieces of personal data or classification marks in the "
        "reply. Remove them, or send the reply to review anyway and let the reviewer decide.",
        n,
    )
    raise WorkflowError(409, "privacy_findings", message % {"n": n})


def _save(step: Step[LetterReplyDraft]) -> None:
    step.obj.updated_at = timezone.now()
    step.obj.save()


WORKFLOW: Workflow[LetterReplyDraft] = Workflow(
    name="letter_reply",
    actions=ACTIONS,
    agency_of=_agency,
    may_act=selectors.may_act,
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
