"""The reply to a letter in the staff API (docs/letters.md#api): read the draft with its privacy
findings, write it, take the steps of review and sign-off; and the agencies' reply templates. The rules
are those of the pages (``replies.services``, ``replies.templates`` and the kernel); errors answer the
API's one shape."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from sunshine.agencies.selectors import roles_in
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.letters import selectors
from sunshine.letters.codes import Kind
from sunshine.letters.models import Letter, LetterReplyDraft
from sunshine.letters.replies import scan, services, templates
from sunshine.letters.replies.declarations import WORKFLOW

router = Router(auth=staff_auth)


class LetterReplyFindingOut(Schema):
    digest: str
    kind: str
    masked: str = Field(description="The finding masked; the value itself is never shown whole.")


class LetterReplyDraftOut(Schema):
    id: int
    letter: str = Field(description="The letter's tracking code.")
    status: Literal["draft", "in_review", "approved", "signed", "returned", "sent"]
    text: str
    publish: bool
    template: int | None = Field(description="The template the draft was started from.")
    findings: list[LetterReplyFindingOut]
    submitted_by: str | None
    submitted_at: Any
    reviewer: str | None
    reviewed_at: Any
    signer: str | None
    signed_at: Any
    returned_by: str | None
    return_comment: str
    review_required: bool
    permitted_steps: list[str]


class LetterReplyDraftIn(Schema):
    text: str = Field("", max_length=20000)
    publish: bool = Field(False, description="Only where the writer agreed to publication.")
    template: int | None = Field(
        None,
        description="Start from this template instead: its text, placeholders filled, replaces `text`.",
    )


class LetterReplyStepIn(Schema):
    step: Literal["submit", "approve", "return", "sign"]
    comments: str | None = Field(None, max_length=2000)
    acknowledged: bool = Field(False, description="`submit`: leave open privacy findings to the reviewer.")


class LetterReplyTemplateOut(Schema):
    id: int
    agency: str = Field(description="The agency's code.")
    kind: str = Field(description="The kind of letter; empty for every kind.")
    title: str
    text: str = Field(description="With its placeholders, e.g. `{writer}`, `{subject}`.")


def _name(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def draft_data(user: Any, draft: LetterReplyDraft) -> dict[str, Any]:
    letter = draft.letter
    return {
        "id": draft.pk,
        "letter": letter.tracking_code,
        "status": draft.status,
        "text": draft.text,
        "publish": draft.publish,
        "template": draft.template_id,
        "findings": [
            {"digest": x.digest, "kind": str(x.finding.kind), "masked": x.masked}
            for x in scan.scan_draft(draft)
        ],
        "submitted_by": _name(draft.submitted_by),
        "submitted_at": draft.submitted_at,
        "reviewer": _name(draft.reviewer),
        "reviewed_at": draft.reviewed_at,
        "signer": _name(draft.signer),
        "signed_at": draft.signed_at,
        "returned_by": _name(draft.returned_by),
        "return_comment": draft.return_comment,
        "review_required": services.review_required(letter.agency),
        "permitted_steps": WORKFLOW.for_roles(draft.status, roles_in(user, letter.agency)),
    }


def _letter(user: Any, letter_id: int) -> Letter:
    return selectors.get_letter_for_staff(user, letter_id)


@router.get("/templates", response=list[LetterReplyTemplateOut], summary="Reply templates of letters")
def list_templates(request: HttpRequest, kind: str = "") -> list[dict[str, Any]]:
    """The active templates of the agencies the person reads; with `kind`, those for that kind of
    letter and those for every kind."""
    if kind and kind not in Kind.values:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"kind": _("Choose one of: %(values)s.") % {"values": ", ".join(Kind.values)}},
        )
    return [
        {"id": t.pk, "agency": t.agency.code, "kind": t.kind, "title": t.title, "text": t.text}
        for t in templates.readable_templates(request.user, kind)
    ]


@router.get("/{letter_id}/reply-draft", response=LetterReplyDraftOut, summary="The reply being prepared")
def get_draft(request: HttpRequest, letter_id: int) -> dict[str, Any]:
    """404 when no reply is being prepared for the letter."""
    draft = services.current_draft(_letter(request.user, letter_id))
    if draft is None:
        raise Http404(letter_id)
    return draft_data(request.user, draft)


@router.put("/{letter_id}/reply-draft", response=LetterReplyDraftOut, summary="Write or change the reply")
def put_draft(request: HttpRequest, letter_id: int, payload: LetterReplyDraftIn) -> dict[str, Any]:
    """Creates the draft on first use; possible while it is a draft or returned (409 `reply_in_review`
    otherwise). With `template`, the draft starts from that template of the letter's agency."""
    letter = _letter(request.user, letter_id)
    if payload.template is not None:
        draft = services.start_from_template(letter=letter, by=request.user, template_id=payload.template)
    else:
        draft = services.save_draft(
            letter=letter, by=request.user, text=payload.text, publish=payload.publish
        )
    return draft_data(request.user, draft)


@router.post(
    "/{letter_id}/reply-draft/steps", response=LetterReplyDraftOut, summary="Review or sign the reply"
)
def take_step(request: HttpRequest, letter_id: int, payload: LetterReplyStepIn) -> dict[str, Any]:
    """`submit` (officer; open privacy findings answer 409 `privacy_findings` unless `acknowledged`),
    `approve` (reviewer), `return` with `comments` (reviewer or signer), `sign` (signer). Who sent the
    reply to review neither approves nor signs it (403 `own_submission`). Once signed, the letter's
    `reply` action sends it."""
    letter = _letter(request.user, letter_id)
    step_input = {"comments": payload.comments} if payload.comments is not None else {}
    draft = services.take_step(
        letter=letter, by=request.user, step=payload.step, input=step_input, acknowledged=payload.acknowledged
    )
    return draft_data(request.user, draft)
