"""Every action on a service case, declared once (docs/workflows.md, docs/cases.md): the statuses it
starts from, the status it leads to, who may take it, its typed input, its handler and its texts.
``services.perform_action`` takes an action through the kernel; the API's body schema reads these
declarations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.cases import notifications, selectors
from sunshine.cases.actions import handlers
from sunshine.cases.actions.inputs import (
    ActionInput,
    CompleteStepIn,
    DecideIn,
    ExtendIn,
    NotifyMissingIn,
    ReasonIn,
)
from sunshine.cases.clock import recompute_dates
from sunshine.cases.codes import CLOCK_RUNNING, Result, Status
from sunshine.cases.events import last_step_date, record_event, snapshot
from sunshine.cases.models import Case
from sunshine.cases.roles import APPROVER_ROLES, HANDLING_ROLES
from sunshine.core.workflow import (
    Action,
    Handler,
    Step,
    Texts,
    Workflow,
    not_before_last_step,
)
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.errors import calendar_error

__all__ = ["ACTIONS", "EVENT_TEXTS", "STAFF_ACTIONS", "WORKFLOW", "texts_of"]


def _action(
    name: str,
    allowed_from: frozenset[str],
    to: str | None,
    texts: Texts,
    handler: Handler,
    input: type[ActionInput] = ActionInput,
    roles: frozenset[str] = HANDLING_ROLES,
) -> Action[Case]:
    return Action(name, frozenset(allowed_from), to, frozenset(roles), texts, handler, input)


def _item_text(item: str, reason: str) -> str:
    if item and reason:
        return gettext("%(item)s: %(reason)s") % {"item": item, "reason": reason}
    return item or reason


def _items(data: Mapping[str, Any]) -> str:
    return "; ".join(
        _item_text(str(i.get("name") or i.get("material", "")), str(i.get("reason", "")))
        for i in data.get("items", [])
        if isinstance(i, Mapping)
    )


def _result(data: Mapping[str, Any]) -> str:
    result = data.get("result", "")
    return str(Result(result).label) if result in Result.values else str(result)


SUBMITTED = frozenset({Status.SUBMITTED})

ACTIONS: dict[str, Action[Case]] = {
    a.name: a
    for a in (
        _action(
            "accept",
            SUBMITTED,
            Status.ACCEPTED,
            Texts(
                button=_("Accept the application"),
                history=_("Application accepted"),
                help=_(
                    "受理 (行政许可法 Art. 32): the decision period runs from the day the complete "
                    "materials arrived, that day not counted."
                ),
                public=_("The agency accepted your application."),
            ),
            handlers.accept,
        ),
        _action(
            "refuse",
            frozenset({Status.SUBMITTED, Status.AWAITING_MATERIALS}),
            Status.REFUSED,
            Texts(
                button=_("Do not accept the application"),
                history=_("Application not accepted"),
                help=_(
                    "不予受理 (行政许可法 Art. 32): the matter is not for this agency or cannot be "
                    "licensed; say why."
                ),
                public=lambda d: (
                    gettext("The agency did not accept your application: %(reason)s")
                    % {"reason": d.get("reason", "")}
                ),
            ),
            handlers.refuse,
            ReasonIn,
        ),
        _action(
            "notify_missing",
            SUBMITTED,
            Status.AWAITING_MATERIALS,
            Texts(
                button=_("Notify the missing materials"),
                history=_("Missing materials notified"),
                help=_(
                    "一次性告知 (行政许可法 Art. 32): every missing item at once, within 5 working days of "
                    "receipt; otherwise the application counts as accepted on the day it arrived."
                ),
                public=lambda d: gettext("The agency asked you to add: %(items)s") % {"items": _items(d)},
            ),
            handlers.notify_missing,
            NotifyMissingIn,
        ),
        _action(
            "receive_missing",
            frozenset({Status.AWAITING_MATERIALS}),
            Status.SUBMITTED,
            Texts(
                button=_("Record the missing materials received"),
                history=_("Missing materials received"),
                help=_("The materials are complete on this day; the application is examined again."),
                public=_("The missing materials arrived. The agency examines your application again."),
            ),
            handlers.receive_missing,
        ),
        _action(
            "complete_step",
            frozenset({Status.ACCEPTED}),
            None,
            Texts(
                button=_("Complete a step"),
                history=_("Step completed"),
                help=_("A step of the service's flow is done."),
                public=lambda d: gettext("Step done: %(name)s") % {"name": d.get("name", "")},
            ),
            handlers.complete_step,
            CompleteStepIn,
        ),
        _action(
            "suspend",
            frozenset({Status.ACCEPTED}),
            Status.SUSPENDED,
            Texts(
                button=_("Suspend the time limit"),
                history=_("Time limit suspended"),
                help=_(
                    "行政许可法 Art. 45: a hearing, testing, an expert review … is not counted in the time "
                    "limit, from the day after this one up to and including the day it resumes."
                ),
                public=lambda d: (
                    gettext("The time limit is suspended: %(reason)s") % {"reason": d.get("reason", "")}
                ),
            ),
            handlers.suspend,
            ReasonIn,
        ),
        _action(
            "resume",
            frozenset({Status.SUSPENDED}),
            Status.ACCEPTED,
            Texts(
                button=_("Resume the time limit"),
                history=_("Time limit resumed"),
                help=_("The time limit runs again from the next working day."),
                public=_("The time limit runs again."),
            ),
            handlers.resume,
        ),
        _action(
            "extend",
            frozenset(CLOCK_RUNNING),
            None,
            Texts(
                button=_("Extend the time limit"),
                history=_("Time limit extended"),
                help=_(
                    "行政许可法 Art. 42: once, at most 10 working days, approved by a signer or the "
                    "disclosure office; the applicant is told why."
                ),
                public=lambda d: (
                    gettext("The time limit was extended by %(n)s working days: %(reason)s")
                    % {"n": d.get("working_days", ""), "reason": d.get("reason", "")}
                ),
            ),
            handlers.extend,
            ExtendIn,
            HANDLING_ROLES | APPROVER_ROLES,
        ),
        _action(
            "decide",
            frozenset({Status.ACCEPTED}),
            Status.DECIDED,
            Texts(
                button=_("Decide"),
                history=_("Decision made"),
                help=_("Approve or deny; a denial gives its reasons (行政许可法 Art. 38)."),
                public=lambda d: gettext("The agency decided: %(result)s.") % {"result": _result(d)},
            ),
            handlers.decide,
            DecideIn,
        ),
        _action(
            "deliver",
            frozenset({Status.DECIDED}),
            Status.DELIVERED,
            Texts(
                button=_("Record the delivery"),
                history=_("Decision delivered"),
                help=_("The decision (and any certificate) was handed or sent to the applicant."),
                public=_("The decision was delivered to you."),
            ),
            handlers.deliver,
        ),
        # The law's own acceptance (行政许可法 Art. 32), taken only by the system (``cases_sweep``).
        Action(
            "auto_accept",
            SUBMITTED,
            Status.ACCEPTED,
            frozenset(),
            Texts(
                button=_("Accept by law"),
                history=_("Accepted by law: no notice within 5 working days"),
                help=_(
                    "行政许可法 Art. 32: without a notice of missing items within 5 working days the "
                    "application counts as accepted on the day the materials arrived."
                ),
                public=_(
                    "No notice of missing materials came within 5 working days: your application counts "
                    "as accepted on the day it arrived."
                ),
            ),
            handlers.auto_accept,
        ),
    )
}

# The actions staff take through the API (the system's own are left out).
STAFF_ACTIONS: dict[str, Action[Case]] = {name: a for name, a in ACTIONS.items() if not a.system_only}

# Entries of the history that are not actions: how a case came in.
EVENT_TEXTS: dict[str, Texts] = {
    "submit": Texts(
        button="", history=_("Application submitted online"), help="", public=_("You applied online.")
    ),
    "register": Texts(
        button="",
        history=_("Application registered by staff"),
        help="",
        public=_("The agency registered your application, received at the counter or by post."),
    ),
    "resubmit": Texts(
        button="",
        history=_("Missing materials sent again by the applicant"),
        help="",
        public=_(
            "You sent every missing material. The officer checks them and examines the application again."
        ),
    ),
}


def texts_of(name: str) -> Texts | None:
    action = ACTIONS.get(name)
    return action.texts if action is not None else EVENT_TEXTS.get(name)


# --- What the kernel needs to know of cases ---------------------------------------------------------


def _save(step: Step[Case]) -> None:
    try:
        recompute_dates(step.obj)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    step.obj.save()


def _event(step: Step[Case], data: Mapping[str, Any]) -> None:
    event = record_event(step.obj, step.action.name, step.date, step.by, **data)
    step.kept["notices"] = notifications.plan(step.obj, event)  # in the step's transaction


def _notify(step: Step[Case], data: Mapping[str, Any]) -> None:
    notifications.enqueue(step.kept.get("notices", []))


def _not_allowed(case: Case, action: Action[Case]) -> str:
    return gettext("“%(action)s” is not possible while the case is “%(status)s”.") % {
        "action": action.name,
        "status": case.get_status_display(),
    }


WORKFLOW: Workflow[Case] = Workflow(
    name="case",
    actions=ACTIONS,
    agency_of=lambda case: case.agency,
    may_act=selectors.may_act,
    snapshot=snapshot,
    not_allowed_message=_not_allowed,
    forbidden_message=lambda: gettext(
        "Your roles do not allow you to take this step on this agency's cases."
    ),
    check=not_before_last_step(last_step_date),
    save=_save,
    event=_event,
    notify=_notify,
    history_entries=EVENT_TEXTS,
)
