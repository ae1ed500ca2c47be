"""What each action on a letter does to it, beyond its status (the declarations in ``__init__``).
Each handler reads the locked letter and the step's typed input, changes the letter and returns the
data kept in its history event and audit row. A refusal is a ``WorkflowError``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import public_agencies
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Step, WorkflowError, invalid
from sunshine.letters import selectors
from sunshine.letters.clock import period_for
from sunshine.letters.models import Letter, LetterPause, LetterTransfer
from sunshine.letters.periods import MAX_EXTENSION
from sunshine.letters.roles import APPROVER_ROLES


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def accept(step: Step[Letter]) -> dict[str, Any]:
    return {}


def transfer(step: Step[Letter]) -> dict[str, Any]:
    """The letter goes to the agency that should handle it; that agency's full period runs from the
    day of the transfer (not counted). The sending agency keeps a read view (``LetterTransfer``)."""
    letter, f = step.obj, step.input
    errors: dict[str, str] = {}
    target = public_agencies().filter(code=_text(f.to_agency)).first() if _text(f.to_agency) else None
    if target is None:
        errors["to_agency"] = _("Give the code of the agency the letter goes to.")
    elif target.pk == letter.agency_id:
        errors["to_agency"] = _("The letter is already with this agency.")
    if not _text(f.reason):
        errors["reason"] = _("Give the reason for the transfer.")
    if errors:
        raise invalid(errors)
    assert target is not None
    sender = letter.agency
    LetterTransfer.objects.create(
        letter=letter, from_agency=sender, to_agency=target, date=step.date, reason=_text(f.reason)
    )
    letter.agency = target
    letter.clock_start = step.date
    letter.period_working_days = period_for(target, letter.kind)
    letter.extension_days, letter.extension_reason, letter.extension_approver = 0, "", None
    return {
        "from_agency": sender.code,
        "from_name": sender.name,
        "to_agency": target.code,
        "to_name": target.name,
        "reason": _text(f.reason),
    }


def return_letter(step: Step[Letter]) -> dict[str, Any]:
    letter, f = step.obj, step.input
    if not _text(f.reason):
        raise invalid({"reason": _("Give the reason for returning the letter.")})
    letter.return_reason = _text(f.reason)
    return {"reason": letter.return_reason}


def request_info(step: Step[Letter]) -> dict[str, Any]:
    letter, f = step.obj, step.input
    items = [i.strip() for i in (f.items or []) if isinstance(i, str) and i.strip()]
    if not items:
        raise invalid({"items": _("List every item the writer must add.")})
    if letter.due_date is not None and step.date > letter.due_date:
        raise WorkflowError(409, "past_due_date", _("The reply period has already run out."))
    letter.info_items = items
    LetterPause.objects.create(letter=letter, started_on=step.date)
    return {"items": items}


def receive_info(step: Step[Letter]) -> dict[str, Any]:
    letter, f = step.obj, step.input
    pause = letter.pauses.filter(ended_on__isnull=True).order_by("-started_on").first()
    if pause is not None:
        if step.date < pause.started_on:
            raise invalid({"date": _("The answer cannot arrive before it was asked for.")})
        pause.ended_on = step.date
        pause.save(update_fields=["ended_on"])
    data: dict[str, Any] = {"online": step.by is None}
    if _text(f.text):
        data["text"] = _text(f.text)
    return data


def _approver(letter: Letter, by: Any, named: Any, errors: dict[str, str]) -> User | None:
    """The signer or disclosure office who approved: the person named in ``approver`` (user name or
    id), else the person acting if they are one; an officer must name one."""
    if named is not None and named != "":
        approvers = selectors.extension_approvers(letter.agency)
        found: User | None = None
        if isinstance(named, int) and not isinstance(named, bool):
            found = approvers.filter(pk=named).first()
        elif isinstance(named, str):
            found = approvers.filter(username=named.strip()).first()
        if found is None:
            errors["approver"] = _(
                "Name a person who may approve extensions for this agency: one of its signers or of its "
                "disclosure office (user name or id)."
            )
        return found
    if by is not None and selectors.may_act(by, letter.agency, APPROVER_ROLES):
        return person_or_none(by)
    errors["approver"] = _("Name the signer or the disclosure office who approved the extension.")
    return None


def extend(step: Step[Letter]) -> dict[str, Any]:
    letter, f = step.obj, step.input
    if letter.extension_days:
        raise WorkflowError(409, "already_extended", _("The reply period can be extended only once."))
    errors: dict[str, str] = {}
    days = f.working_days
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION:
        errors["working_days"] = _("Give 1 to %(n)s working days.") % {"n": MAX_EXTENSION}
    if not _text(f.reason):
        errors["reason"] = _("Give the reason for the extension.")
    approver = _approver(letter, step.by, f.approver, errors)
    if errors:
        raise invalid(errors)
    if letter.due_date is not None and step.date > letter.due_date:
        raise WorkflowError(
            409,
            "past_due_date",
            _("An extension must be decided before the due date (%(date)s).") % {"date": letter.due_date},
        )
    assert isinstance(days, int)
    letter.extension_days = days
    letter.extension_reason = _text(f.reason)
    letter.extension_approver = approver
    data: dict[str, Any] = {"working_days": days, "reason": letter.extension_reason}
    if approver is not None:
        data["approver"] = {"id": approver.pk, "username": approver.get_username()}
    return data


def _not_signed() -> WorkflowError:
    return WorkflowError(
        409,
        "reply_not_signed",
        _(
            "This agency's replies are reviewed and signed before they are sent. Prepare the reply as a "
            "draft and send it to review; once it is signed, send it here."
        ),
    )


def _person_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def reply(step: Step[Letter]) -> dict[str, Any]:
    """Send the reply. Where the agency's replies need review and sign-off (docs/letters.md#reply-review)
    the signed draft is sent, its text and publication as signed (a different ``text`` is refused);
    without one, only the disclosure office and superusers reply directly, recorded as direct."""
    from sunshine.inforequests.selectors import may_reply_directly
    from sunshine.letters.codes import ReplyStatus
    from sunshine.letters.replies.services import review_required, signed_draft

    letter, f = step.obj, step.input
    draft = signed_draft(letter)
    required = False
    if draft is not None:
        if _text(f.text) and _text(f.text) != draft.text.strip():
            raise _not_signed()
        text, publish = draft.text.strip(), draft.publish
    else:
        required = review_required(letter.agency)
        if required and not may_reply_directly(step.by, letter.agency):
            raise _not_signed()
        text, publish = _text(f.text), bool(f.publish)
    if not text:
        raise invalid({"text": _("Write the reply.")})
    if publish and not letter.publish_consent:
        raise invalid({"publish": _("The writer did not agree to publication.")})
    letter.reply_text = text
    letter.replied_on = step.date
    letter.reply_published = publish
    data: dict[str, Any] = {"publish": publish, "direct": required and step.by is not None}
    if draft is not None:
        data.update(
            draft=draft.pk, reviewed_by=_person_name(draft.reviewer), signed_by=_person_name(draft.signer)
        )
        draft.status, draft.sent_at = ReplyStatus.SENT, step.now
        draft.save(update_fields=["status", "sent_at", "updated_at"])
    return data


def supervise(step: Step[Letter]) -> dict[str, Any]:
    letter, f = step.obj, step.input
    errors: dict[str, str] = {}
    if not _text(f.note):
        errors["note"] = _("Say what the supervision asks for.")
    if f.due_on is None:
        errors["due_on"] = _("Give the day by which the answer is expected.")
    elif f.due_on < step.date:
        errors["due_on"] = _("The day cannot be before the supervision.")
    if errors:
        raise invalid(errors)
    letter.supervised_on = step.date
    letter.supervision_due_on = f.due_on
    return {"note": _text(f.note), "due_on": f.due_on}


def close(step: Step[Letter]) -> dict[str, Any]:
    return {}
