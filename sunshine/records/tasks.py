"""Background tasks of records: one-line adapters around services (run by the Django Tasks API)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from sunshine.records import services


@task()
def publish_due_records() -> dict[str, Any]:
    """Publish the scheduled records whose time has come (``services.publish_due``)."""
    return {**services.publish_due(), "due_dates_refreshed": services.refresh_due_dates()}
