"""Preparing the reply to a letter: its text and whether it is published, written by hand or started
from one of the agency's templates (docs/letters.md#reply-review). Each change is checked for the
person and the draft's status, and audited; the steps of review and sign-off are the kernel's
(``replies.declarations.WORKFLOW``). Whether review is required is the agency's request setting:
letters follow the same one (``inforequests.replies.services.review_required``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.inforequests.replies.services import review_required
from sunshine.letters import selectors
from sunshine.letters.codes import CONCLUDED_STATUSES, ReplyStatus
from sunshine.letters.models import Letter, LetterReplyDraft
from sunshine.letters.replies import templates
from sunshine.letters.replies.declarations import EDITABLE, WORKFLOW
from sunshine.letters.roles import HANDLING_ROLES

__all__ = [
    "current_draft",
    "reply_step_open",
    "review_required",
    "save_draft",
    "signed_draft",
    "start_from_template",
    "take_step",
]

MAX_TEXT = 20000
EDITED = ["text", "publish", "template", "status"]


def current_draft(letter: Letter) -> LetterReplyDraft | None:
    """The reply being prepared for the letter (the newest not yet sent), or None."""
    return letter.reply_drafts.exclude(status=ReplyStatus.SENT).order_by("-id").first()


def signed_draft(letter: Letter) -> LetterReplyDraft | None:
    return letter.reply_drafts.filter(status=ReplyStatus.SIGNED).order_by("-id").first()


def reply_step_open(user: Any, letter: Letter) -> bool:
    """Whether the letter's ``reply`` step can send something now for ``user``: a signed draft, or no
    review required, or a person who may reply directly (the step's own check, for the pages)."""
    from sunshine.inforequests.selectors import may_reply_directly

    return (
        signed_draft(letter) is not None
        or not review_required(letter.agency)
        or may_reply_directly(user, letter.agency)
    )


def _editable(letter: Letter, by: Any) -> LetterReplyDraft:
    """The draft ``by`` may change now (created on first use), locked; 403/409 otherwise."""
    if not selectors.may_act(by, letter.agency, HANDLING_ROLES):
        raise WorkflowForbidden(_("Only those who handle the agency's letters prepare its replies."))
    locked = Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)
    if locked.status in CONCLUDED_STATUSES:
        raise WorkflowError(409, "letter_concluded", _("The letter is concluded: no reply can be sent."))
    draft = current_draft(locked)
    if draft is None:
        draft = LetterReplyDraft.objects.create(letter=locked, created_by=by)
    draft = (
        LetterReplyDraft.objects.select_for_update()
        .select_related("letter", "letter__agency")
        .get(pk=draft.pk)
    )
    if draft.status not in EDITABLE:
        raise WorkflowError(
            409,
            "reply_in_review",
            _("The reply is “%(status)s”: it can be changed only after it is returned.")
            % {"status": draft.get_status_display()},
        )
    return draft


def _store(draft: LetterReplyDraft, by: Any, **extra: Any) -> LetterReplyDraft:
    if draft.status == ReplyStatus.RETURNED:
        draft.status = ReplyStatus.DRAFT
    draft.save()
    audit.record(
        actor=by,
        action="letter_reply.edit",
        obj=draft,
        before=extra.pop("before"),
        after={"letter": draft.letter.tracking_code, **audit.snapshot(draft, EDITED), **extra},
        agency=draft.letter.agency,
    )
    return draft


@transaction.atomic
def save_draft(*, letter: Letter, by: Any, text: str = "", publish: bool = False) -> LetterReplyDraft:
    """Write or change the draft: 422 for a text too long or publication the writer did not agree to."""
    draft = _editable(letter, by)
    errors: dict[str, str] = {}
    if len(text or "") > MAX_TEXT:
        errors["text"] = _("Enter at most %(n)s characters.") % {"n": MAX_TEXT}
    if publish and not draft.letter.publish_consent:
        errors["publish"] = _("The writer did not agree to publication.")
    if errors:
        raise invalid(errors)
    before = audit.snapshot(draft, EDITED)
    draft.text, draft.publish = (text or "").strip(), bool(publish)
    return _store(draft, by, before=before)


@transaction.atomic
def start_from_template(
    *, letter: Letter, by: Any, template_id: Any, today: datetime.date | None = None
) -> LetterReplyDraft:
    """The draft's text becomes the template's, its placeholders filled for the letter (what was
    written before is replaced). Only the active templates of the letter's agency, for its kind or for
    every kind, may be used (422 otherwise)."""
    draft = _editable(letter, by)
    try:
        chosen = templates.templates_for(draft.letter).filter(pk=int(template_id)).first()
    except (TypeError, ValueError):
        chosen = None
    if chosen is None:
        raise invalid({"template": _("Choose one of the agency's templates for this kind of letter.")})
    before = audit.snapshot(draft, EDITED)
    draft.text, draft.template = templates.fill(chosen.text, draft.letter, today), chosen
    return _store(draft, by, before=before, template_title=chosen.title)


def take_step(
    *, letter: Letter, by: Any, step: str, input: dict[str, Any] | None = None, acknowledged: bool = False
) -> LetterReplyDraft:
    """Take a step of review or sign-off on the letter's current draft (the kernel checks the rest)."""
    draft = current_draft(letter)
    if draft is None:
        raise WorkflowError(409, "no_reply_draft", _("No reply is being prepared for this letter."))
    return WORKFLOW.perform(draft, step, by=by, input=input or {}, acknowledged=acknowledged)
