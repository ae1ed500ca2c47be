"""The history of a letter as stored (``LetterEvent``) and the fields its audit rows keep."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.letters.models import Letter, LetterEvent

AnyUser = AbstractBaseUser | AnonymousUser

AUDITED_FIELDS = (
    "status",
    "agency",
    "kind",
    "received_on",
    "clock_start",
    "period_working_days",
    "due_date",
    "due_date_provisional",
    "concluded_on",
    "extension_days",
    "reply_published",
    "supervision_due_on",
)


def snapshot(letter: Letter) -> dict[str, Any]:
    return audit.snapshot(letter, AUDITED_FIELDS)


def record_event(
    letter: Letter, action: str, date: datetime.date, by: AnyUser | None, **data: Any
) -> LetterEvent:
    return LetterEvent.objects.create(
        letter=letter, action=action, date=date, by=person_or_none(by), data=audit.json_value(data)
    )


def last_step_date(letter: Letter) -> datetime.date | None:
    return letter.events.order_by("-date", "-id").values_list("date", flat=True).first()
