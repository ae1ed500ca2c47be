"""``manage.py newmedia_push``: send the queued new-media posts that are due (docs/newmedia.md). Run
it from a timer, e.g. every few minutes; a failed post is tried again later, never given up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sunshine.newmedia import delivery


class Command(BaseCommand):
    help = "Send the queued new-media posts that are due to WeChat and Weibo."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = delivery.push()
        self.stdout.write(
            f"{outcome.sent} sent, {outcome.failed} failed (tried again later), "
            f"{outcome.not_supported} not supported, {outcome.cancelled} not sent (record withdrawn), "
            f"{outcome.waiting} waiting"
        )
