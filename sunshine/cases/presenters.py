"""Cases as the API shows them: the common part, the applicant's (with the key) and staff's."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from sunshine.cases.actions import texts_of
from sunshine.cases.clock import warning
from sunshine.cases.codes import Status
from sunshine.cases.documents import issued_data
from sunshine.cases.models import Case


def case_data(case: Case, today: datetime.date | None = None) -> dict[str, Any]:
    return {
        "id": case.pk,
        "tracking_code": case.tracking_code,
        "service": case.item.code,
        "service_name": case.version.name,
        "version": case.version.number,
        "agency": case.agency.code,
        "channel": case.channel,
        "status": case.status,
        "status_label": case.get_status_display(),
        "received_on": case.received_on,
        "accepted_on": case.accepted_on,
        "due_date": case.due_date,
        "promised_date": case.promised_date,
        "due_date_provisional": case.due_date_provisional,
        "warning": warning(case, today),
        "result": case.result,
        "decided_on": case.decided_on,
        "delivered_on": case.delivered_on,
    }


def _materials(case: Case) -> list[dict[str, Any]]:
    """Each material of the guide: whether it was supplied and, after the notice, what is missing."""
    supplied: dict[str, bool] = {}
    for m in case.materials.all():
        supplied[m.key] = supplied.get(m.key, False) or bool(m.file)
    missing = {
        str(i.get("material", "")): str(i.get("reason", ""))
        for i in case.missing_items
        if isinstance(i, dict) and i.get("material")
    }
    return [
        {
            "key": m.key,
            "name": m.name,
            "required": m.required,
            "supplied": m.key in supplied,
            "with_file": supplied.get(m.key, False),
            "missing": m.key in missing,
            "missing_reason": missing.get(m.key, ""),
        }
        for m in case.version.materials.all()
    ]


def _applicant(case: Case) -> dict[str, str]:
    return {
        "kind": case.applicant_kind,
        "name": case.applicant_name,
        "id_type": case.applicant_id_type,
        "id_number": case.applicant_id_number,
        "phone": case.applicant_phone,
        "email": case.applicant_email,
        "address": case.applicant_address,
    }


def _missing(case: Case) -> list[dict[str, str]]:
    if case.status != Status.AWAITING_MATERIALS:
        return []
    return [
        {
            "material": str(i.get("material", "")),
            "name": str(i.get("name", "")),
            "reason": str(i.get("reason", "")),
        }
        for i in case.missing_items
        if isinstance(i, dict)
    ]


def applicant_case_data(case: Case) -> dict[str, Any]:
    """What the applicant reads with the key: the case, what is missing and why, the history."""
    events = []
    for event in case.events.order_by("date", "id"):
        texts = texts_of(event.action)
        events.append(
            {"date": event.date, "text": texts.public_line(event.data) if texts else _("Step recorded")}
        )
    return {
        **case_data(case),
        "agency_name": case.agency.name,
        "applicant": _applicant(case),
        "missing_items": _missing(case),
        "materials": _materials(case),
        "reasons": case.reasons,
        "refusal_reason": case.refusal_reason,
        "events": events,
        "documents": issued_data(case),
    }


def staff_case_data(case: Case, *, permitted_actions: list[str]) -> dict[str, Any]:
    events = []
    for event in case.events.select_related("by").order_by("date", "id"):
        texts = texts_of(event.action)
        events.append(
            {
                "date": event.date,
                "action": event.action,
                "text": str(texts.history) if texts else event.action,
                "by": event.by.get_username() if event.by is not None else None,
                "data": event.data,
            }
        )
    from sunshine.cases.actions import WORKFLOW

    return {
        **case_data(case),
        "applicant": _applicant(case),
        "missing_items": _missing(case),
        "materials": _materials(case),
        "statutory_days": case.statutory_days,
        "promised_days": case.promised_days,
        "extension_days": case.extension_days,
        "pauses": [
            {"started_on": p.started_on, "ended_on": p.ended_on, "reason": p.reason}
            for p in case.pauses.all()
        ],
        "steps_done": [{"step": s.step, "date": s.date} for s in case.steps_done.all()],
        "events": events,
        "documents": issued_data(case),
        "allowed_actions": [a for a in WORKFLOW.allowed(case.status) if not WORKFLOW.actions[a].system_only],
        "permitted_actions": permitted_actions,
    }


def applicant_task_list(case: Case) -> list[dict[str, Any]]:
    """The guide's materials as the applicant's task list: ``state`` is ``missing`` (named by the
    notice and not sent since, with ``reason``), ``supplied`` or ``not_supplied``; ``may_upload``
    while the case takes materials and the item is missing or not supplied."""
    from sunshine.cases.services import outstanding_keys

    outstanding = set(outstanding_keys(case))
    open_for_files = case.status in (Status.SUBMITTED, Status.AWAITING_MATERIALS)
    tasks = []
    for m in _materials(case):
        if m["key"] in outstanding:
            state = "missing"
        elif m["supplied"]:
            state = "supplied"
        else:
            state = "not_supplied"
        tasks.append({**m, "state": state, "may_upload": open_for_files and state != "supplied"})
    return tasks
