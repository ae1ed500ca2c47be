"""``manage.py demo_requests``: load the demo's requests for information (once)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sunshine.demo import annual_reports
from sunshine.demo.requests import load_demo_requests


class Command(BaseCommand):
    help = "Load about two years of demo requests to the demo city's agencies. Skipped when requests exist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=120, help="how many requests (default 120)")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="act as on this day, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_requests runs only with DEBUG=1 (or --force on a throw-away database).")
        result = load_demo_requests(count=options["count"], today=options["today"])
        if result.skipped:
            self.stdout.write("The database already holds requests; the demo requests were not loaded.")
        else:
            self.stdout.write(f"Demo requests loaded: {result.requests}.")
        # Last year's annual reports, through the report's own steps, now that its requests are in.
        today = options["today"] or timezone.localdate()
        year = today.year - 1
        published = annual_reports.publish_reports(year, annual_reports.report_day(year, today))
        self.stdout.write(f"Annual reports on {year} published: {published}.")
