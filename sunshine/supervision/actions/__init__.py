"""The steps of a supervision notice (督办), declared once on the workflow kernel
(docs/workflows.md, docs/supervision.md#notices): issued by the disclosure office or a supervisor
(``services.issue_notice``), replied to by the agency, closed by the office."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from sunshine.agencies.selectors import roles_in
from sunshine.core import audit
from sunshine.core.workflow import Action, Step, Texts, Workflow, invalid
from sunshine.supervision.codes import REPLYING_ROLES, SUPERVISING_ROLES, NoticeStatus
from sunshine.supervision.models import Notice

__all__ = ["ACTIONS", "WORKFLOW"]


class TextIn(BaseModel):
    text: str = ""


def _text(step: Step[Notice]) -> str:
    text = (step.input.text or "").strip()
    if not text:
        raise invalid({"text": gettext("Write the text.")})
    return text


def _reply(step: Step[Notice]) -> dict[str, Any]:
    notice = step.obj
    notice.reply, notice.replied_on = _text(step), step.date
    return {"reply": notice.reply}


def _close(step: Step[Notice]) -> dict[str, Any]:
    notice = step.obj
    notice.closing_note, notice.closed_on = (step.input.text or "").strip(), step.date
    return {"note": notice.closing_note}


_DECLARED: tuple[Action[Notice], ...] = (
    Action(
        "reply",
        frozenset({NoticeStatus.OPEN}),
        NoticeStatus.REPLIED,
        REPLYING_ROLES,
        Texts(
            button=_("Reply to the notice"),
            history=_("Supervision notice replied to"),
            help=_("Say what the agency did about the matter, by the date the notice gives."),
        ),
        _reply,
        TextIn,
    ),
    Action(
        "close",
        frozenset({NoticeStatus.OPEN, NoticeStatus.REPLIED}),
        NoticeStatus.CLOSED,
        SUPERVISING_ROLES,
        Texts(
            button=_("Close the notice"),
            history=_("Supervision notice closed"),
            help=_("The matter is settled; a note may say how."),
        ),
        _close,
        TextIn,
    ),
)
ACTIONS: dict[str, Action[Notice]] = {a.name: a for a in _DECLARED}

FIELDS = ("status", "agency", "case", "subject", "due_date", "replied_on", "closed_on")


def snapshot(notice: Notice) -> dict[str, Any]:
    return audit.snapshot(notice, FIELDS)


def _may_act(user: Any, agency: Any, roles: frozenset[str]) -> bool:
    return bool(roles_in(user, agency) & roles)


def _not_allowed(notice: Notice, action: Action[Notice]) -> str:
    return gettext("“%(action)s” is not possible while the notice is “%(status)s”.") % {
        "action": action.texts.button,
        "status": notice.get_status_display(),
    }


HISTORY: Mapping[str, Texts] = {
    "issue": Texts(button="", history=_("Supervision notice issued"), help=""),
}

WORKFLOW: Workflow[Notice] = Workflow(
    name="supervision_notice",
    actions=ACTIONS,
    agency_of=lambda notice: notice.agency,
    may_act=_may_act,
    snapshot=snapshot,
    not_allowed_message=_not_allowed,
    forbidden_message=lambda: gettext("Your roles do not allow you to take this step on this notice."),
    history_entries=HISTORY,
)
