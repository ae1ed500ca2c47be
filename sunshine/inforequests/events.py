"""The history of a request as stored: its events (``RequestEvent``) and the fields its audit rows
keep. Written by the submission, by every action (the workflow's event hook) and by the
confirmation of provisional dates."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.inforequests.models import InfoRequest, RequestEvent

AnyUser = AbstractBaseUser | AnonymousUser

AUDITED_FIELDS = (
    "status",
    "outcome",
    "received_on",
    "clock_start",
    "due_date",
    "due_date_provisional",
    "concluded_on",
    "correction_due",
    "extension_days",
    "fee_amount",
    "fee_due",
    "fee_paid_on",
    "fee_declared_paid_on",
    "fee_declined_on",
)

# The history entry the system writes when a provisional date is confirmed or moved on the published
# calendar (``provisional``). It is not a step of the procedure: later steps may be dated before it.
CONFIRM_DATES = "confirm_dates"
# The applicant's rating of the reply: not a step of the procedure either.
RATE = "rate"
# The applicant says they paid the fee (``fee_answer``): the office still records the payment, dated
# the day it was paid, which may be before this entry (docs/legal.md#fee-payment).
DECLARE_FEE_PAYMENT = "declare_fee_payment"
SYSTEM_EVENTS = (CONFIRM_DATES, RATE, DECLARE_FEE_PAYMENT)


def snapshot(request: InfoRequest) -> dict[str, Any]:
    return audit.snapshot(request, AUDITED_FIELDS)


def record_event(
    request: InfoRequest, action: str, date: datetime.date, by: AnyUser | None, **data: Any
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        action=action,
        date=date,
        by=person_or_none(by),
        data=audit.json_value(data),
    )


def last_step_date(request: InfoRequest) -> datetime.date | None:
    """The date of the last step of the procedure recorded (system entries left out)."""
    steps = request.events.exclude(action__in=SYSTEM_EVENTS)
    return steps.order_by("-date", "-id").values_list("date", flat=True).first()
