"""Writing messages for the provincial platform (docs/outbox.md): ``enqueue`` adds one row, in the
caller's transaction, so a message exists exactly when the change it reports is committed."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from sunshine.outbox.models import OutboxMessage

# The version of the envelope and of the fields of each topic (docs/outbox.md#format). A change
# that removes or renames a field raises it; adding a field does not.
SCHEMA_VERSION = 1
ENVELOPE = ("schema_version", "event_id", "topic", "occurred_at")


def _plain(value: Any) -> Any:
    """Dates, datetimes, decimals and UUIDs as the JSON the platform receives."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return DjangoJSONEncoder().default(value)


def message(
    topic: str,
    payload: Mapping[str, Any],
    *,
    occurred_at: datetime.datetime | None = None,
    ordering_key: str = "",
) -> OutboxMessage:
    """One message for the platform, not saved yet: the envelope (``schema_version``, ``event_id``,
    ``topic``, ``occurred_at``) around the topic's fields (no personal data:
    docs/outbox.md#personal-data). Messages with the same ``ordering_key`` are sent in order."""
    clash = set(ENVELOPE) & set(payload)
    if clash:
        raise ValueError(f"the payload may not set the envelope's fields: {sorted(clash)}")
    key = uuid.uuid4()
    now = timezone.now()
    occurred_at = occurred_at or now
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "event_id": str(key),
        "topic": topic,
        "occurred_at": timezone.localtime(occurred_at).isoformat(),
        **_plain(payload),
    }
    return OutboxMessage(
        key=key,
        topic=topic,
        ordering_key=ordering_key,
        payload=envelope,
        created_at=now,
        next_attempt_at=now,
    )


def enqueue(
    topic: str,
    payload: Mapping[str, Any],
    *,
    occurred_at: datetime.datetime | None = None,
    ordering_key: str = "",
) -> OutboxMessage:
    """Write one message for the platform (:func:`message`). Call it inside the transaction of the
    change it reports: rolled back with it, committed with it."""
    found = message(topic, payload, occurred_at=occurred_at, ordering_key=ordering_key)
    found.save(force_insert=True)
    return found


def enqueue_many(messages: Sequence[OutboxMessage], batch_size: int = 2000) -> None:
    """Write many messages made by :func:`message` at once (a sweep's), in the caller's transaction,
    in the order given."""
    OutboxMessage.objects.bulk_create(messages, batch_size=batch_size)
