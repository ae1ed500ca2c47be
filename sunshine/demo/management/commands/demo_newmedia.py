"""``manage.py demo_newmedia``: new-media accounts of the demo city's agencies with their QR codes,
one flagged as not updated and one closing (run after demo_data and demo_records; idempotent; never
calls a platform)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.core.workflow import WorkflowError
from sunshine.demo.newmedia import load_newmedia


class Command(BaseCommand):
    help = "Register the demo city's new-media accounts. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_newmedia runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            created = load_newmedia()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"New-media accounts: {len(created)} registered.")
        self.stdout.write(f"  Public: {site}/new-media/")
        self.stdout.write(f"  Staff (sign in as officer or office): {site}/staff/newmedia/")
