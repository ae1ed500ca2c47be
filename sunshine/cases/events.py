"""The history of a case as stored (``CaseEvent``) and the fields its audit rows keep."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from sunshine.cases.models import Case, CaseEvent
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.outbox.case_events import enqueue_case_event

AnyUser = AbstractBaseUser | AnonymousUser

AUDITED_FIELDS = (
    "status",
    "agency",
    "received_on",
    "complete_on",
    "accepted_on",
    "due_date",
    "promised_date",
    "due_date_provisional",
    "extension_days",
    "result",
    "decided_on",
    "delivered_on",
)


def snapshot(case: Case) -> dict[str, Any]:
    return audit.snapshot(case, AUDITED_FIELDS)


def record_event(case: Case, action: str, date: datetime.date, by: AnyUser | None, **data: Any) -> CaseEvent:
    """The history event, and its message for the provincial platform in the same transaction
    (docs/outbox.md)."""
    event = CaseEvent.objects.create(
        case=case, action=action, date=date, by=person_or_none(by), data=audit.json_value(data)
    )
    enqueue_case_event(event)
    return event


def last_step_date(case: Case) -> datetime.date | None:
    return case.events.order_by("-date", "-id").values_list("date", flat=True).first()
