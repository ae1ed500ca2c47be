"""Sending the messages to members of the public that a step of their case calls for (a request, a
letter): each domain plans them as rows of its ``Notice`` model (``core.models.Notice``) in the
step's transaction, composes their text, and hands them to the task queue after the commit. What is
the same for every domain is here: sending one (``deliver``: lock the row, count the attempt, send on
its channel, record the outcome) and finding those to send again (``due_for_retry``).

``core`` imports no domain app: the domain gives its model, how to compose a message and where it
goes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from sunshine.core.messaging import SendFailed, send_email, send_sms
from sunshine.core.models import Notice

N = TypeVar("N", bound=Notice)

MAX_ATTEMPTS = 5
STALE_AFTER = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str  # the e-mail
    short: str  # the text message


def deliver(
    model: type[N],
    pk: int,
    *,
    related: Sequence[str],
    compose: Callable[[N], Composed],
    address: Callable[[N], str],
) -> bool:
    """Send one planned message and record the outcome; True when it went out. Never raises for a
    failed send: the failure is recorded and a later retry sends it again. ``address`` gives the
    e-mail address or the phone number, by the notice's channel."""
    with transaction.atomic():
        notice = (
            model._default_manager.select_for_update(of=("self",))
            .select_related(*related)
            .filter(pk=pk)
            .first()
        )
        if notice is None or notice.state == Notice.State.SENT:
            return False
        notice.attempts += 1
        message = compose(notice)
        try:
            if notice.channel == Notice.Channel.EMAIL:
                send_email(address(notice), message.subject, message.body)
            else:
                send_sms(address(notice), message.short)
        except SendFailed as exc:
            notice.state = Notice.State.FAILED
            notice.last_error = str(exc)[:500]
            notice.save(update_fields=["state", "attempts", "last_error"])
            return False
        notice.state = Notice.State.SENT
        notice.sent_at = timezone.now()
        notice.last_error = ""
        notice.save(update_fields=["state", "attempts", "last_error", "sent_at"])
        return True


def due_for_retry(model: type[N]) -> QuerySet[N]:
    """Messages not sent yet: failed ones with attempts left, and pending ones the queue did not
    take (older than a few minutes)."""
    stale = timezone.now() - STALE_AFTER
    return model._default_manager.filter(
        Q(state=Notice.State.FAILED) | Q(state=Notice.State.PENDING, created_at__lt=stale),
        attempts__lt=MAX_ATTEMPTS,
    ).order_by("created_at", "id")


def retry(model: type[N], send: Callable[[int], bool]) -> dict[str, int]:
    """Send again what ``due_for_retry`` finds, one by one through ``send(pk)``."""
    ids = list(due_for_retry(model).values_list("pk", flat=True))
    sent = sum(1 for pk in ids if send(pk))
    return {"tried": len(ids), "sent": sent, "failed": len(ids) - sent}
