"""``python manage.py opendays_reminders``: the day-before reminders of open days (docs/open_days.md).
Run it once a day (e.g. at 09:00); running it again sends nothing twice; it exits with status 1
when an e-mail could not be sent (the next run tries it again)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sunshine.opendays.services import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to the confirmed registrations of tomorrow's open days (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminders()
        self.stdout.write(f"sent {result['sent']}, failed {result['failed']}")
        if result["failed"]:
            raise CommandError(f"{result['failed']} reminder(s) not sent: the next run tries again")
