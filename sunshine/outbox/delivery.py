"""Pushing the outbox to the provincial platform (docs/outbox.md#delivery).

``push`` posts the messages that are due, oldest first, to ``SUNSHINE_OUTBOX_URL``: one JSON body per
message with its ``Idempotency-Key``; a 2xx answer marks it sent, anything else (or no answer within
``SUNSHINE_OUTBOX_TIMEOUT`` seconds) counts an attempt and sets the next one later (exponential
backoff, capped). A message is never given up. The messages of one case go in order: while one is
unsent, the later ones of the same case wait.

Two runs at once never send the same message: on PostgreSQL each message is sent while its row is
locked (``select_for_update(skip_locked=True)``: the other run passes it by); on databases that
cannot skip locked rows (SQLite) a run first claims the message with a conditional update
(``claimed_until``), which only one run can win."""

from __future__ import annotations

import datetime
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from sunshine.outbox.models import OutboxMessage

log = logging.getLogger(__name__)

# Backoff: 1 minute after the first failure, doubled after each one, at most an hour apart.
FIRST_DELAY = datetime.timedelta(minutes=1)
MAX_DELAY = datetime.timedelta(hours=1)
BATCH = 500


class TransportError(Exception):
    """The platform could not be reached (network, timeout)."""


# (url, body, headers, timeout in seconds) → the HTTP status of the answer; TransportError when there
# is none. Tests pass their own; the default posts with the standard library.
Transport = Callable[[str, bytes, dict[str, str], float], int]


def http_transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    if not url.startswith(("https://", "http://")):
        raise TransportError("SUNSHINE_OUTBOX_URL is not an http(s) address")
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 (checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (checked above)
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TransportError(f"the platform could not be reached: {exc}"[:300]) from exc


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # behind an unsent message of the same case, or claimed by another run
    disabled: bool = False


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4 … minutes, at most an hour."""
    doublings = min(max(attempts - 1, 0), 20)  # past the cap long before; no overflow after years
    return min(FIRST_DELAY * 2**doublings, MAX_DELAY)


def due(now: datetime.datetime) -> list[tuple[int, str]]:
    """(id, ordering key) of the unsent messages whose time has come, oldest first."""
    rows = (
        OutboxMessage.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)
        .order_by("id")
        .values_list("id", "ordering_key")[:BATCH]
    )
    return list(rows)


def _earlier_unsent(message: OutboxMessage) -> bool:
    return bool(message.ordering_key) and (
        OutboxMessage.objects.filter(
            ordering_key=message.ordering_key, sent_at__isnull=True, id__lt=message.id
        ).exists()
    )


def _send(message: OutboxMessage, url: str, transport: Transport, now: datetime.datetime) -> bool:
    """One attempt; the outcome is saved on the row. True when the platform took it."""
    body = json.dumps(message.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": str(message.key),
        "X-Sunshine-Topic": message.topic,
    }
    token = getattr(settings, "SUNSHINE_OUTBOX_TOKEN", "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    timeout = float(getattr(settings, "SUNSHINE_OUTBOX_TIMEOUT", 10))
    message.attempts += 1
    try:
        status = transport(url, body, headers, timeout)
        error = "" if 200 <= status < 300 else f"the platform answered {status}"
    except TransportError as exc:
        error = str(exc)[:500] or "the platform could not be reached"
    if error:
        message.last_error = error
        message.next_attempt_at = now + backoff(message.attempts)
        log.warning("outbox message %s (%s) not sent: %s", message.key, message.topic, error)
    else:
        message.sent_at = timezone.now()
        message.last_error = ""
    message.claimed_until = None
    message.save(update_fields=["attempts", "last_error", "next_attempt_at", "sent_at", "claimed_until"])
    return not error


def _lease(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(seconds=2 * float(getattr(settings, "SUNSHINE_OUTBOX_TIMEOUT", 10)) + 60)


def _push_one_locked(pk: int, url: str, transport: Transport, now: datetime.datetime) -> bool | None:
    """PostgreSQL: the row stays locked while it is sent; None when another run holds it or an
    earlier message of the same case is unsent."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True, next_attempt_at__lte=now)
            .first()
        )
        if message is None or _earlier_unsent(message):
            return None
        return _send(message, url, transport, now)


def _push_one_claimed(pk: int, url: str, transport: Transport, now: datetime.datetime) -> bool | None:
    """SQLite: claim the message with one conditional update (only one run can win it), send it
    outside any transaction (SQLite has one writer), then save the outcome."""
    won = (
        OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=_lease(now))
    )
    if not won:
        return None
    message = OutboxMessage.objects.get(pk=pk)
    if _earlier_unsent(message):
        OutboxMessage.objects.filter(pk=pk).update(claimed_until=None)
        return None
    return _send(message, url, transport, now)


def push(*, transport: Transport | None = None, now: datetime.datetime | None = None) -> Outcome:
    """Send the messages that are due, oldest first. With ``SUNSHINE_OUTBOX_URL`` empty nothing is
    sent and nothing fails: the messages stay pending."""
    url = getattr(settings, "SUNSHINE_OUTBOX_URL", "")
    if not url:
        return Outcome(disabled=True)
    transport = transport or http_transport
    now = now or timezone.now()
    push_one = (
        _push_one_locked if connection.features.has_select_for_update_skip_locked else _push_one_claimed
    )
    outcome = Outcome()
    held: set[str] = set()  # cases with a message left unsent in this run: their later ones wait
    for pk, ordering_key in due(now):
        if ordering_key and ordering_key in held:
            outcome.waiting += 1
            continue
        sent = push_one(pk, url, transport, now)
        if sent is None:
            outcome.waiting += 1
        elif sent:
            outcome.sent += 1
            continue
        else:
            outcome.failed += 1
        if ordering_key:
            held.add(ordering_key)
    return outcome
