"""``manage.py demo_bulletins``: one published issue of the city government's bulletin, compiled from
the demo's records (run after demo_data and demo_records; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.core.workflow import WorkflowError
from sunshine.demo.bulletins import load_bulletins


class Command(BaseCommand):
    help = "Publish one issue of the demo city's government bulletin. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_bulletins runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            issue = load_bulletins()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"Bulletin: {issue.title}, {issue.entries.count()} records.")
        self.stdout.write(f"  Public: {site}/bulletins/{issue.year}/{issue.number}/")
        self.stdout.write(f"  Staff (sign in as office): {site}/staff/bulletins/{issue.pk}/")
