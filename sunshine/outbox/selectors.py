"""What staff and the health check see of the outbox (docs/outbox.md#watching-it)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from sunshine.outbox.models import OutboxMessage


def pending() -> dict[str, int | None]:
    """The unsent messages: how many, and the age in seconds of the oldest (None when none)."""
    figures = OutboxMessage.objects.filter(sent_at__isnull=True).aggregate(oldest=Min("created_at"))
    count = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    oldest = figures["oldest"]
    age = int((timezone.now() - oldest).total_seconds()) if oldest is not None else None
    return {"pending": count, "oldest_pending_seconds": age}


def health_figures() -> dict[str, int | None] | None:
    """For /healthz, only where the push is configured (otherwise messages wait by design)."""
    if not getattr(settings, "SUNSHINE_OUTBOX_URL", ""):
        return None
    return pending()
