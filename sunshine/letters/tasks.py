"""Background tasks of letters: one-line adapters around services (run by the Django Tasks API)."""

from __future__ import annotations

from django_tasks import task

from sunshine.letters import notices


@task()
def send_letter_notice(notice_id: int, base_url: str | None = None) -> bool:
    """Send one planned e-mail to a letter's writer (``letters.notices``)."""
    return notices.deliver(notice_id, base_url)
