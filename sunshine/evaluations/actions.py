"""The steps of a rectification (整改) after a bad rating, declared once on the workflow kernel
(docs/workflows.md, docs/evaluations.md): the agency answers with what it did; the disclosure office
records a return visit (回访) to the applicant and accepts the answer, or returns it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from sunshine.agencies.models import Role
from sunshine.cases.roles import HANDLING_ROLES
from sunshine.cases.selectors import may_act
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, Step, StepInput, Texts, Workflow, WorkflowError, invalid
from sunshine.evaluations.codes import RectificationStatus, VisitMethod
from sunshine.evaluations.models import Rectification, RectificationEvent, ReturnVisit

__all__ = ["ACTIONS", "EVENT_TEXTS", "WORKFLOW", "record_event", "snapshot"]

OFFICE = frozenset({Role.DISCLOSURE_OFFICE})
S = RectificationStatus


class MeasuresIn(StepInput):
    measures: str | None = Field(None, max_length=5000, description="What the agency did about the rating.")


class ReturnIn(StepInput):
    reason: str | None = Field(None, max_length=2000, description="Why the answer is not enough.")


class VisitIn(StepInput):
    method: str | None = Field(None, description="How: `phone`, `sms`, `visit` or `other`.")
    view: str | None = Field(None, max_length=2000, description="What the applicant said.")


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def _answer(step: Step[Rectification]) -> dict[str, Any]:
    measures = _text(step.input.measures)
    if not measures:
        raise invalid({"measures": gettext("Say what the agency did about the rating.")})
    step.obj.measures, step.obj.answered_on = measures, step.date
    return {"measures": measures}


def _return(step: Step[Rectification]) -> dict[str, Any]:
    reason = _text(step.input.reason)
    if not reason:
        raise invalid({"reason": gettext("Say why the answer is not enough.")})
    return {"reason": reason}


def _visit(step: Step[Rectification]) -> dict[str, Any]:
    method, view = _text(step.input.method), _text(step.input.view)
    errors: dict[str, str] = {}
    if method not in VisitMethod.values:
        errors["method"] = gettext("Choose one of: %(values)s.") % {"values": ", ".join(VisitMethod.values)}
    if not view:
        errors["view"] = gettext("Write down what the applicant said.")
    if errors:
        raise invalid(errors)
    ReturnVisit.objects.create(
        rectification=step.obj, visited_on=step.date, method=method, view=view, by=person_or_none(step.by)
    )
    return {"method": method, "view": view}


def _accept(step: Step[Rectification]) -> dict[str, Any]:
    if not step.obj.visits.exists():
        raise WorkflowError(
            409,
            "no_return_visit",
            gettext("Record the return visit to the applicant before accepting the rectification."),
        )
    step.obj.closed_on = step.date
    return {}


def _method_label(data: Mapping[str, Any]) -> str:
    method = data.get("method", "")
    return str(VisitMethod(method).label) if method in VisitMethod.values else str(method)


_DECLARED: tuple[Action[Rectification], ...] = (
    Action(
        "answer",
        frozenset({S.OPEN}),
        S.ANSWERED,
        frozenset(HANDLING_ROLES),
        Texts(
            button=_("Answer with what was done"),
            history=_("Rectification answered by the agency"),
            help=_(
                "Say what the agency did about the bad rating: what it changed, and what it told "
                "the applicant."
            ),
        ),
        _answer,
        MeasuresIn,
    ),
    Action(
        "record_visit",
        frozenset({S.ANSWERED, S.CLOSED}),
        None,
        OFFICE,
        Texts(
            button=_("Record a return visit"),
            history=_("Return visit to the applicant recorded"),
            help=_("回访: the disclosure office asks the applicant whether the problem was solved."),
            public=lambda d: (
                gettext("Return visit (%(method)s): %(view)s")
                % {"method": _method_label(d), "view": d.get("view", "")}
            ),
        ),
        _visit,
        VisitIn,
    ),
    Action(
        "accept",
        frozenset({S.ANSWERED}),
        S.CLOSED,
        OFFICE,
        Texts(
            button=_("Accept the rectification"),
            history=_("Rectification verified and closed"),
            help=_(
                "The disclosure office checked what was done and visited the applicant: the matter is closed."
            ),
        ),
        _accept,
    ),
    Action(
        "return",
        frozenset({S.ANSWERED}),
        S.OPEN,
        OFFICE,
        Texts(
            button=_("Return to the agency"),
            history=_("Rectification returned to the agency"),
            help=_("The answer is not enough: the agency answers again, by the same due date."),
        ),
        _return,
        ReturnIn,
    ),
)
ACTIONS: dict[str, Action[Rectification]] = {a.name: a for a in _DECLARED}

EVENT_TEXTS: dict[str, Texts] = {
    "open": Texts(button="", history=_("Rectification opened after a bad rating"), help=""),
}

SNAPSHOT_FIELDS = ("status", "due_date", "measures", "answered_on", "closed_on")


def snapshot(rectification: Rectification) -> dict[str, Any]:
    return audit.snapshot(rectification, SNAPSHOT_FIELDS)


def record_event(rectification: Rectification, action: str, date: Any, by: Any, **data: Any) -> None:
    RectificationEvent.objects.create(
        rectification=rectification,
        action=action,
        date=date,
        by=person_or_none(by),
        data=audit.json_value(data),
    )


def _check(step: Step[Rectification]) -> None:
    last = step.obj.events.order_by("-date").values_list("date", flat=True).first()
    if last is not None and step.date < last:
        raise invalid(
            {"date": gettext("The date cannot be before the last recorded step (%(date)s).") % {"date": last}}
        )


def _event(step: Step[Rectification], data: Mapping[str, Any]) -> None:
    record_event(step.obj, step.action.name, step.date, step.by, **data)


WORKFLOW: Workflow[Rectification] = Workflow(
    name="rectification",
    actions=ACTIONS,
    agency_of=lambda r: r.agency,
    may_act=may_act,
    snapshot=snapshot,
    forbidden_message=lambda: gettext(
        "The agency's information officers answer a rectification; its disclosure office verifies it."
    ),
    check=_check,
    event=_event,
    history_entries=EVENT_TEXTS,
)
