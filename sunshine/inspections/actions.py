"""The steps of inspections and of their rectifications (整改), declared once on the workflow kernel
(docs/workflows.md, docs/inspections.md).

An inspection is planned, carried out (checklist results and findings are recorded while it is in
progress) and closed by the inspectors. Each finding opens a rectification: the agency's information
officers answer; the inspectors verify the answer (closed) or return it (open again, for a new answer
by the same due date)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from sunshine.cases.selectors import may_act
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, Step, StepInput, Texts, Workflow, invalid, not_before_last_step
from sunshine.inspections.codes import ANSWER_ROLES, INSPECTOR_ROLES, InspectionStatus, RectificationStatus
from sunshine.inspections.models import Inspection, Rectification, RectificationEvent

__all__ = ["INSPECTION", "RECTIFICATION", "record_event", "rectification_snapshot"]

I = InspectionStatus  # noqa: E741
R = RectificationStatus


class AnswerIn(StepInput):
    answer: str | None = Field(None, max_length=5000, description="What the agency did about the finding.")


class ReturnIn(StepInput):
    reason: str | None = Field(None, max_length=2000, description="Why the answer is not enough.")


class VerifyIn(StepInput):
    note: str | None = Field(None, max_length=2000, description="What the inspector checked (optional).")


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


# --- Inspections -----------------------------------------------------------------------------------


def _start(step: Step[Inspection]) -> dict[str, Any]:
    step.obj.started_on = step.date
    return {}


def _close(step: Step[Inspection]) -> dict[str, Any]:
    step.obj.closed_on = step.date
    return {"findings": step.obj.findings.count()}


def inspection_snapshot(inspection: Inspection) -> dict[str, Any]:
    return audit.snapshot(inspection, ("title", "kind", "period", "status", "started_on", "closed_on"))


INSPECTION_ACTIONS: dict[str, Action[Inspection]] = {
    "start": Action(
        "start",
        frozenset({I.PLANNED}),
        I.IN_PROGRESS,
        INSPECTOR_ROLES,
        Texts(
            button=_("Start the inspection"),
            history=_("Inspection started"),
            help=_("Record the checklist results and the findings while the inspection is in progress."),
        ),
        _start,
    ),
    "close": Action(
        "close",
        frozenset({I.IN_PROGRESS}),
        I.CLOSED,
        INSPECTOR_ROLES,
        Texts(
            button=_("Close the inspection"),
            history=_("Inspection closed"),
            help=_(
                "No more results or findings are recorded; the notice of criticism (通报) can be "
                "generated. The rectifications go on."
            ),
        ),
        _close,
    ),
}

INSPECTION: Workflow[Inspection] = Workflow(
    name="inspection",
    actions=INSPECTION_ACTIONS,
    agency_of=lambda i: i.office,
    may_act=may_act,
    snapshot=inspection_snapshot,
    forbidden_message=lambda: gettext("Only the disclosure office and supervisors carry out inspections."),
    check=not_before_last_step(lambda i: i.started_on or i.created_on),
    history_entries={
        "create": Texts(button="", history=_("Inspection planned"), help=""),
        "check": Texts(button="", history=_("Checklist results recorded"), help=""),
        "finding": Texts(button="", history=_("Finding recorded"), help=""),
        "complaint": Texts(button="", history=_("Rectification opened from a complaint"), help=""),
    },
)


# --- Rectifications --------------------------------------------------------------------------------


def _answer(step: Step[Rectification]) -> dict[str, Any]:
    answer = _text(step.input.answer)
    if not answer:
        raise invalid({"answer": gettext("Say what the agency did about the finding.")})
    step.obj.answer, step.obj.answered_on = answer, step.date
    return {"answer": answer}


def _return(step: Step[Rectification]) -> dict[str, Any]:
    reason = _text(step.input.reason)
    if not reason:
        raise invalid({"reason": gettext("Say why the answer is not enough.")})
    return {"reason": reason}


def _verify(step: Step[Rectification]) -> dict[str, Any]:
    step.obj.closed_on = step.date
    note = _text(step.input.note)
    return {"note": note} if note else {}


RECTIFICATION_ACTIONS: dict[str, Action[Rectification]] = {
    "answer": Action(
        "answer",
        frozenset({R.OPEN}),
        R.ANSWERED,
        ANSWER_ROLES,
        Texts(
            button=_("Answer with what was done"),
            history=_("Rectification answered by the agency"),
            help=_("Say what the agency changed about the finding, with where it can be checked."),
        ),
        _answer,
        AnswerIn,
    ),
    "verify": Action(
        "verify",
        frozenset({R.ANSWERED}),
        R.CLOSED,
        INSPECTOR_ROLES,
        Texts(
            button=_("Verify and close"),
            history=_("Rectification verified and closed"),
            help=_("The inspector checked what the agency did: the finding is rectified."),
        ),
        _verify,
        VerifyIn,
    ),
    "return": Action(
        "return",
        frozenset({R.ANSWERED}),
        R.OPEN,
        INSPECTOR_ROLES,
        Texts(
            button=_("Return to the agency"),
            history=_("Rectification returned to the agency"),
            help=_("The answer is not enough: the agency answers again, by the same due date."),
        ),
        _return,
        ReturnIn,
    ),
}

SNAPSHOT_FIELDS = ("status", "due_date", "answer", "answered_on", "closed_on")


def rectification_snapshot(rectification: Rectification) -> dict[str, Any]:
    return audit.snapshot(rectification, SNAPSHOT_FIELDS)


def record_event(rectification: Rectification, action: str, date: Any, by: Any, **data: Any) -> None:
    RectificationEvent.objects.create(
        rectification=rectification,
        action=action,
        date=date,
        by=person_or_none(by),
        data=audit.json_value(data),
    )


def _event(step: Step[Rectification], data: Mapping[str, Any]) -> None:
    record_event(step.obj, step.action.name, step.date, step.by, **data)


RECTIFICATION: Workflow[Rectification] = Workflow(
    name="inspection_rectification",
    actions=RECTIFICATION_ACTIONS,
    agency_of=lambda r: r.agency,
    may_act=may_act,
    snapshot=rectification_snapshot,
    forbidden_message=lambda: gettext(
        "The agency's information officers answer a rectification; the inspectors verify it."
    ),
    check=not_before_last_step(lambda r: r.events.order_by("-date").values_list("date", flat=True).first()),
    event=_event,
    history_entries={"open": Texts(button="", history=_("Rectification opened"), help="")},
)
