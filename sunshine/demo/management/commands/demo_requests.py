"""``manage.py demo_requests``: load the demo's requests for information (once)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sunshine.demo import annual_reports, showcase
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
        self._showcase(options["today"])

    def _showcase(self, today: datetime.date | None) -> None:
        """One request in each state (sunshine/demo/showcase.py), listed with its key and links."""
        result = showcase.load_showcase(today=today)
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write("")
        self.stdout.write(f"Showcase: one request in each state ({result.created} added).")
        self.stdout.write(
            "Open one at /requests/status/ with its tracking code and access key, or by its private link;"
        )
        self.stdout.write("staff sign in as officer, reviewer or signer (dc-officer for the first).")
        for shown in result.shown:
            reply = f" · reply {shown.reply_status}" if shown.reply_status else ""
            self.stdout.write(
                f"  {shown.key:<23} {shown.tracking_code}  key {shown.access_key}  {shown.status}{reply}"
            )
            self.stdout.write(f"  {'':<23} {site}{shown.private_path}")
            self.stdout.write(f"  {'':<23} {site}{shown.staff_path}")
