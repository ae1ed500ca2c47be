"""Every action on a letter, declared once (docs/workflows.md, docs/letters.md): the statuses it starts
from, the status it leads to, who may take it, its typed input, its handler and its texts. The API's
body schema, the staff history and the writer's history read these declarations;
``services.perform_action`` takes an action through the kernel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import (
    Action,
    Handler,
    Step,
    Texts,
    Workflow,
    not_before_last_step,
)
from sunshine.letters import notices, selectors
from sunshine.letters.actions import handlers
from sunshine.letters.actions.inputs import (
    ActionInput,
    ExtendIn,
    ReceiveInfoIn,
    ReplyIn,
    RequestInfoIn,
    ReturnIn,
    SuperviseIn,
    TransferIn,
)
from sunshine.letters.clock import recompute_due
from sunshine.letters.codes import CONCLUDED_STATUSES, OPEN_STATUSES, Rating, Status
from sunshine.letters.events import last_step_date, record_event, snapshot
from sunshine.letters.models import Letter
from sunshine.letters.moderation_events import MODERATION_EVENTS
from sunshine.letters.roles import APPROVER_ROLES, HANDLING_ROLES, SUPERVISING_ROLES
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.errors import calendar_error

__all__ = ["ACTIONS", "EVENT_TEXTS", "WORKFLOW", "texts_of"]


def _action(
    name: str,
    allowed_from: frozenset[str],
    to: str | None,
    texts: Texts,
    handler: Handler,
    input: type[ActionInput] = ActionInput,
    roles: frozenset[str] = HANDLING_ROLES,
) -> Action[Letter]:
    return Action(name, frozenset(allowed_from), to, frozenset(roles), texts, handler, input)


BEFORE_ACCEPTANCE = frozenset({Status.SUBMITTED, Status.TRANSFERRED})

ACTIONS: dict[str, Action[Letter]] = {
    a.name: a
    for a in (
        _action(
            "accept",
            BEFORE_ACCEPTANCE,
            Status.ACCEPTED,
            Texts(
                button=_("Accept the letter"),
                history=_("Letter accepted"),
                help=_("The agency takes the letter up; the reply period has run since receipt."),
                public=_("The agency accepted your letter."),
            ),
            handlers.accept,
        ),
        _action(
            "transfer",
            frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.TRANSFERRED}),
            Status.TRANSFERRED,
            Texts(
                button=_("Transfer to another agency"),
                history=_("Letter transferred"),
                help=_(
                    "The letter belongs to another agency: its full reply period runs from the day of the "
                    "transfer. This agency keeps a read-only view."
                ),
                public=lambda d: (
                    gettext("Your letter was transferred to %(agency)s, which will reply.")
                    % {"agency": d.get("to_name", "")}
                ),
            ),
            handlers.transfer,
            TransferIn,
        ),
        _action(
            "return",
            BEFORE_ACCEPTANCE,
            Status.RETURNED,
            Texts(
                button=_("Return the letter"),
                history=_("Letter returned"),
                help=_("The letter is not handled here (e.g. a matter for the courts): say why."),
                public=lambda d: (
                    gettext("The agency returned your letter: %(reason)s") % {"reason": d.get("reason", "")}
                ),
            ),
            handlers.return_letter,
            ReturnIn,
        ),
        _action(
            "request_info",
            frozenset({Status.ACCEPTED}),
            Status.AWAITING_INFO,
            Texts(
                button=_("Ask the writer for information"),
                history=_("Information requested from the writer"),
                help=_("The reply period stops until the answer arrives; that day is not counted."),
                public=lambda d: (
                    gettext("The agency asked you for more information: %(items)s")
                    % {"items": "; ".join(str(i) for i in d.get("items", []))}
                ),
            ),
            handlers.request_info,
            RequestInfoIn,
        ),
        _action(
            "receive_info",
            frozenset({Status.AWAITING_INFO}),
            Status.ACCEPTED,
            Texts(
                button=_("Record the writer's answer"),
                history=_("Information received from the writer"),
                help=_("The reply period runs again from the day after the answer arrived."),
                public=_("Your additional information arrived. The reply period runs again."),
            ),
            handlers.receive_info,
            ReceiveInfoIn,
        ),
        _action(
            "extend",
            frozenset(OPEN_STATUSES),
            None,
            Texts(
                button=_("Extend the reply period"),
                history=_("Reply period extended"),
                help=_("Once, at most 15 working days, approved by a signer or the disclosure office."),
                public=lambda d: (
                    gettext("The agency extended the reply period by %(n)s working days.")
                    % {"n": d.get("working_days", "")}
                ),
            ),
            handlers.extend,
            ExtendIn,
            HANDLING_ROLES | APPROVER_ROLES,
        ),
        _action(
            "reply",
            frozenset({Status.ACCEPTED}),
            Status.REPLIED,
            Texts(
                button=_("Reply"),
                history=_("Letter replied"),
                help=_("The answer to the writer; published only where the writer agreed."),
                public=_("The agency replied to your letter."),
            ),
            handlers.reply,
            ReplyIn,
        ),
        _action(
            "supervise",
            frozenset(OPEN_STATUSES),
            None,
            Texts(
                button=_("Supervise"),
                history=_("Letter supervised"),
                help=_("督办: the supervisor or the disclosure office asks for an answer by a day."),
                public=_("The handling of your letter is being supervised."),
            ),
            handlers.supervise,
            SuperviseIn,
            SUPERVISING_ROLES,
        ),
        _action(
            "close",
            frozenset({Status.REPLIED}),
            Status.CLOSED,
            Texts(
                button=_("Close"),
                history=_("Letter closed"),
                help=_("The matter of the letter is settled."),
                public=_("The letter was closed."),
            ),
            handlers.close,
        ),
    )
}


def _rating_label(data: Mapping[str, Any]) -> str:
    rating = data.get("rating", "")
    return str(Rating(rating).label) if rating in Rating.values else str(rating)


# Entries of the history that are not actions: how a letter came in, and the writer's word on the reply.
EVENT_TEXTS: dict[str, Texts] = {
    "submit": Texts(
        button="", history=_("Letter sent online"), help="", public=_("You sent the letter online.")
    ),
    "register": Texts(
        button="",
        history=_("Letter registered by staff"),
        help="",
        public=_("The agency registered your letter, received by post, by phone or in person."),
    ),
    # The writer's word on the reply (``feedback``).
    "rate": Texts(
        button="",
        history=_("Reply rated by the writer"),
        help="",
        public=lambda d: gettext("You rated the reply: %(rating)s.") % {"rating": _rating_label(d)},
    ),
    "reopen": Texts(
        button="",
        history=_("Letter reopened by the writer"),
        help="",
        public=_("You reopened the letter. The agency replies again within a new reply period."),
    ),
    **MODERATION_EVENTS,
}


def texts_of(name: str) -> Texts | None:
    action = ACTIONS.get(name)
    return action.texts if action is not None else EVENT_TEXTS.get(name)


# --- What the kernel needs to know of letters -------------------------------------------------------


def _save(step: Step[Letter]) -> None:
    letter = step.obj
    if letter.status in CONCLUDED_STATUSES:
        letter.concluded_on = step.date
    try:
        recompute_due(letter)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    letter.save()


def _event(step: Step[Letter], data: Mapping[str, Any]) -> None:
    event = record_event(step.obj, step.action.name, step.date, step.by, **data)
    step.kept["notices"] = notices.plan(step.obj, event)  # in the step's transaction


def _notify(step: Step[Letter], data: Mapping[str, Any]) -> None:
    notices.enqueue(step.kept.get("notices", []))


def _not_allowed(letter: Letter, action: Action[Letter]) -> str:
    return gettext("“%(action)s” is not possible while the letter is “%(status)s”.") % {
        "action": action.name,
        "status": letter.get_status_display(),
    }


WORKFLOW: Workflow[Letter] = Workflow(
    name="letter",
    actions=ACTIONS,
    agency_of=lambda letter: letter.agency,
    may_act=selectors.may_act,
    snapshot=snapshot,
    not_allowed_message=_not_allowed,
    forbidden_message=lambda: gettext(
        "Your roles do not allow you to take this step on this agency's letters."
    ),
    check=not_before_last_step(last_step_date),
    save=_save,
    event=_event,
    notify=_notify,
    history_entries=EVENT_TEXTS,
)
