"""Background tasks of requests: one-line adapters around services (run by the Django Tasks API).

Enqueue from a shell or a scheduler: ``send_request_reminders.enqueue()``; with
``SUNSHINE_TASKS=database`` a ``manage.py db_worker`` runs it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from sunshine.inforequests import reminders


@task()
def send_request_reminders(today: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """The daily reminder sweep (see ``inforequests.reminders``); ``today`` as YYYY-MM-DD."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders.sweep(today=day, dry_run=dry_run).summary()
