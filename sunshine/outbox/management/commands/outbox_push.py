"""``manage.py outbox_push``: send the outbox's messages that are due to the provincial platform
(docs/outbox.md). Run it from a timer, e.g. every minute; with SUNSHINE_OUTBOX_URL empty it sends
nothing and says so."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sunshine.outbox import delivery


class Command(BaseCommand):
    help = "Send the outbox's messages that are due to the provincial platform."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = delivery.push()
        if outcome.disabled:
            self.stdout.write("SUNSHINE_OUTBOX_URL is empty: nothing sent, messages stay pending")
            return
        self.stdout.write(
            f"{outcome.sent} sent, {outcome.failed} failed (retried later), {outcome.waiting} waiting"
        )
