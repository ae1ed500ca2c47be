"""Background tasks of service cases: one-line adapters around services (run by the Django Tasks API)."""

from __future__ import annotations

from django_tasks import task

from sunshine.cases import notifications


@task()
def send_case_notice(notice_id: int, base_url: str | None = None) -> bool:
    """Send one planned message about a case (``cases.notifications``)."""
    return notifications.deliver(notice_id, base_url)
