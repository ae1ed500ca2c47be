"""What a service case's history event tells the provincial platform (docs/outbox.md#case-events).

``enqueue_case_event`` is called where every ``CaseEvent`` is written (``cases.events.record_event``),
so each step — the kernel's, the applicant's and the sweep's acceptance by law — is reported once,
in its own transaction. The payload names no person: the platform matches a case by its tracking
code; the reasons and texts of a step (free text that may name people) are not sent either."""

from __future__ import annotations

from typing import Any

from sunshine.cases.models import Case, CaseEvent
from sunshine.outbox.models import OutboxMessage
from sunshine.outbox.services import enqueue

# The history's action → the topic of the message. An action not listed goes as "case.<action>".
TOPICS: dict[str, str] = {
    "submit": "case.received",
    "register": "case.received",
    "notify_missing": "case.materials_requested",
    "resubmit": "case.materials_resubmitted",
    "receive_missing": "case.materials_received",
    "accept": "case.accepted",
    "auto_accept": "case.accepted",
    "refuse": "case.refused",
    "complete_step": "case.step_completed",
    "suspend": "case.suspended",
    "resume": "case.resumed",
    "extend": "case.extended",
    "decide": "case.decided",
    "deliver": "case.delivered",
}

# The fields of the case every message carries (besides the codes); dates as YYYY-MM-DD or null.
CASE_FIELDS = (
    "status",
    "channel",
    "applicant_kind",
    "received_on",
    "complete_on",
    "accepted_on",
    "due_date",
    "promised_date",
    "due_date_provisional",
    "statutory_days",
    "promised_days",
    "extension_days",
    "result",
    "decided_on",
    "delivered_on",
)


def topic_of(action: str) -> str:
    return TOPICS.get(action, f"case.{action}")


def _details(event: CaseEvent) -> dict[str, Any]:
    """The step's own facts that name nobody: the step of the guide, the materials asked for, the
    extension's working days. Reasons and free texts stay out."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.action == "complete_step":
        return {"step": data.get("step", "")}
    if event.action == "notify_missing":
        items = data.get("items") or []
        return {
            "missing_materials": [
                i.get("material", "") for i in items if isinstance(i, dict) and i.get("material")
            ],
            "missing_items": len(items),
        }
    if event.action == "resubmit":
        return {"materials": [str(k) for k in data.get("materials") or []]}
    if event.action == "extend":
        return {"working_days": data.get("working_days")}
    return {}


def payload_of(event: CaseEvent, case: Case) -> dict[str, Any]:
    fields: dict[str, Any] = {name: getattr(case, name) for name in CASE_FIELDS}
    fields["result"] = fields["result"] or None
    return {
        "action": event.action,
        "step_date": event.date,
        "agency_code": case.agency.code,
        "tracking_code": case.tracking_code,
        "service_code": case.item.code,
        "guide_version": case.version.number,
        **fields,
        "details": _details(event),
    }


def enqueue_case_event(event: CaseEvent) -> OutboxMessage:
    """One message for a history event of a case, in the caller's transaction."""
    case = event.case
    return enqueue(
        topic_of(event.action),
        payload_of(event, case),
        occurred_at=event.created_at,
        ordering_key=f"case:{case.tracking_code}",
    )
