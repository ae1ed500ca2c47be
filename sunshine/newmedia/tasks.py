"""Background task of the cross-posting: one-line adapter around ``delivery.push`` (Django Tasks API).
Enqueue it from a scheduler, like ``manage.py newmedia_push``."""

from __future__ import annotations

from django_tasks import task

from sunshine.newmedia import delivery


@task()
def push_newmedia() -> int:
    """Send the posts that are due; returns how many went out."""
    return delivery.push().sent
