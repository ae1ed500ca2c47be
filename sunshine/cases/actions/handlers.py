"""What each action on a case does to it, beyond its status (the declarations in ``__init__``).
Each handler reads the locked case and the step's typed input, changes the case and returns the data
kept in its history event and audit row. A refusal is a ``WorkflowError``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from sunshine.cases import documents
from sunshine.cases.actions.inputs import MissingItemIn
from sunshine.cases.codes import MAX_EXTENSION, NOTICE_WORKING_DAYS, Result
from sunshine.cases.models import Case, CasePause, CaseStepDone
from sunshine.cases.roles import APPROVER_ROLES
from sunshine.cases.selectors import may_act
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Step, WorkflowError, invalid
from sunshine.letters.selectors import extension_approvers
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import add_working_days


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def notice_deadline(case: Case) -> Any:
    """The last day for the notice of missing items or the acceptance (行政许可法 Art. 32): the
    5th working day after the day the materials arrived."""
    return add_working_days(case.complete_on, NOTICE_WORKING_DAYS, current_calendar())


def accept(step: Step[Case]) -> dict[str, Any]:
    """Accepted: the clock runs from the day the complete materials arrived (not counted)."""
    case = step.obj
    case.accepted_on = case.complete_on
    return {"accepted_on": case.accepted_on}


def auto_accept(step: Step[Case]) -> dict[str, Any]:
    """The law's own acceptance when the agency stayed silent for 5 working days (Art. 32)."""
    case = step.obj
    case.accepted_on = case.complete_on
    return {"accepted_on": case.accepted_on, "deadline": step.date}


def refuse(step: Step[Case]) -> dict[str, Any]:
    case = step.obj
    reason = _text(step.input.reason)
    if not reason:
        raise invalid({"reason": _("Give the reason for not accepting the application.")})
    case.refusal_reason = reason
    return {"reason": reason}


def notify_missing(step: Step[Case]) -> dict[str, Any]:
    """The one-time notice (一次性告知): every missing item at once, within 5 working days."""
    case = step.obj
    if case.notified_on is not None:
        raise WorkflowError(
            409, "already_notified", _("The missing items are notified once, all of them at once.")
        )
    names = dict(case.version.materials.values_list("key", "name"))
    keys = set(names)
    items: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    for n, raw in enumerate(step.input.items or []):
        item = MissingItemIn(material="", reason=raw) if isinstance(raw, str) else raw
        material, reason = item.material.strip(), item.reason.strip()
        if material and material not in keys:
            errors[f"items.{n}.material"] = _("The guide of this service has no material with this key.")
        if not material and not reason:
            continue
        item_data = {"material": material, "reason": reason}
        if material:
            item_data["name"] = names.get(material, "")  # what the applicant reads, beside the key
        items.append(item_data)
    if not items and not errors:
        errors["items"] = _("List every missing item at once.")
    if errors:
        raise invalid(errors)
    deadline = notice_deadline(case)
    if step.date > deadline:
        raise WorkflowError(
            409,
            "notice_too_late",
            _(
                "The notice of missing items had to be sent by %(date)s; after that the application "
                "counts as accepted on the day it arrived."
            )
            % {"date": deadline},
        )
    case.missing_items, case.notified_on = items, step.date
    return {"items": items}


def receive_missing(step: Step[Case]) -> dict[str, Any]:
    """The missing items arrived: the materials are complete on that day, and the case is examined
    again."""
    case = step.obj
    case.complete_on = step.date
    return {"items": case.missing_items}


def complete_step(step: Step[Case]) -> dict[str, Any]:
    case = step.obj
    key = _text(step.input.step)
    names = dict(case.version.steps.values_list("key", "name"))
    if key not in names:
        raise invalid({"step": _("The guide of this service has no step with this key.")})
    if case.steps_done.filter(step=key).exists():
        raise WorkflowError(409, "step_already_done", _("This step is already recorded as done."))
    CaseStepDone.objects.create(case=case, step=key, date=step.date)
    return {"step": key, "name": names[key]}


def suspend(step: Step[Case]) -> dict[str, Any]:
    reason = _text(step.input.reason)
    if not reason:
        raise invalid({"reason": _("Say why: a hearing, testing, an expert review …")})
    CasePause.objects.create(case=step.obj, started_on=step.date, reason=reason)
    return {"reason": reason}


def resume(step: Step[Case]) -> dict[str, Any]:
    pause = step.obj.pauses.filter(ended_on__isnull=True).order_by("-started_on").first()
    if pause is not None:
        pause.ended_on = step.date
        pause.save(update_fields=["ended_on"])
    return {"suspended_on": pause.started_on if pause is not None else None}


def _approver(case: Case, by: Any, named: Any, errors: dict[str, str]) -> User | None:
    """The signer or disclosure office who approved: the person named in ``approved_by`` (user name
    or id), else the person acting if they are one; an officer must name one."""
    if named is not None and named != "":
        approvers = extension_approvers(case.agency)
        found: User | None = None
        if isinstance(named, int) and not isinstance(named, bool):
            found = approvers.filter(pk=named).first()
        elif isinstance(named, str):
            found = approvers.filter(username=named.strip()).first()
        if found is None:
            errors["approved_by"] = _(
                "Name a person who may approve extensions for this agency: one of its signers or of its "
                "disclosure office (user name or id)."
            )
        return found
    if by is not None and may_act(by, case.agency, APPROVER_ROLES):
        return person_or_none(by)
    errors["approved_by"] = _("Name the signer or the disclosure office who approved the extension.")
    return None


def extend(step: Step[Case]) -> dict[str, Any]:
    case, f = step.obj, step.input
    if case.extension_days:
        raise WorkflowError(409, "already_extended", _("The time limit can be extended only once."))
    errors: dict[str, str] = {}
    days = f.working_days
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION:
        errors["working_days"] = _("Give 1 to %(n)s working days.") % {"n": MAX_EXTENSION}
    if not _text(f.reason):
        errors["reason"] = _("Give the reason for the extension.")
    approver = _approver(case, step.by, f.approved_by, errors)
    if errors:
        raise invalid(errors)
    if case.due_date is not None and step.date > case.due_date:
        raise WorkflowError(
            409,
            "past_due_date",
            _("An extension must be decided before the due date (%(date)s).") % {"date": case.due_date},
        )
    assert isinstance(days, int)
    assert approver is not None
    case.extension_days, case.extension_reason = days, _text(f.reason)
    case.extension_approved_by = approver
    return {
        "working_days": days,
        "reason": case.extension_reason,
        "approved_by": {"id": approver.pk, "username": approver.get_username()},
    }


def decide(step: Step[Case]) -> dict[str, Any]:
    case, f = step.obj, step.input
    errors: dict[str, str] = {}
    result = _text(f.result)
    if result not in Result.values:
        errors["result"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Result.values)}
    elif result == Result.DENIED and not _text(f.reasons):
        errors["reasons"] = _("Give the reasons for the denial.")
    if errors:
        raise invalid(errors)
    case.result, case.reasons, case.decided_on = result, _text(f.reasons), step.date
    # The decision (and, for an approved licence, the certificate) issued and stored now.
    issued = documents.issue(case, step.date)
    return {
        "result": result,
        "reasons": case.reasons,
        "documents": [{"kind": d.kind, "number": d.number, "sha256": d.sha256} for d in issued],
    }


def deliver(step: Step[Case]) -> dict[str, Any]:
    step.obj.delivered_on = step.date
    return {}
