"""One message for the provincial government-services platform, written in the transaction of the
change it reports and pushed later (docs/outbox.md)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    # The message's identity: its ``event_id`` in the payload and the Idempotency-Key header, the
    # same on every attempt, so the platform can drop a message it already has.
    key = models.UUIDField(_("event id"), default=uuid.uuid4, unique=True, editable=False)
    topic = models.CharField(_("topic"), max_length=60, db_index=True)
    # Messages with the same ordering key (one case) are sent in the order they were written.
    ordering_key = models.CharField(_("ordering key"), max_length=100, blank=True)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # Where the database cannot skip locked rows (SQLite), a run claims a message until this time.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"], condition=Q(sent_at__isnull=True), name="outbox_pending_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.key}"

    @property
    def state(self) -> str:
        if self.sent_at is not None:
            return "sent"
        return "retrying" if self.attempts else "pending"
