"""Background tasks of requests: one-line adapters around services (run by the Django Tasks API).

Enqueue from a shell or a scheduler: ``send_request_reminders.enqueue()``; with
``SUNSHINE_TASKS=database`` a ``manage.py db_worker`` runs it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from sunshine.inforequests import reminders, step_messages


@task()
def send_request_reminders(today: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """The daily reminder sweep (see ``inforequests.reminders``); ``today`` as YYYY-MM-DD."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders.sweep(today=day, dry_run=dry_run).summary()


@task()
def send_notification(notification_id: int, base_url: str | None = None) -> bool:
    """Send one planned message to an applicant (``inforequests.step_messages``)."""
    return step_messages.deliver(notification_id, base_url)
