"""Background task of the outbox: one-line adapter around ``delivery.push`` (Django Tasks API)."""

from __future__ import annotations

from django_tasks import task

from sunshine.outbox import delivery


@task()
def push_outbox() -> int:
    """Send the messages that are due; returns how many went out."""
    return delivery.push().sent
