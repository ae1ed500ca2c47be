"""python manage.py check_calendar — load years a newer calendar package brings; run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sunshine.workdays import services


class Command(BaseCommand):
    help = (
        "Load this year's and next year's working-day calendar where the installed chinesecalendar "
        "package knows it and it is not stored yet; provisional dates that depended on it are confirmed "
        "or moved. Records the check for the calendar pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to check from, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        from datetime import date

        today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        check = services.check_calendar(today=today)
        if check.years_loaded:
            years = ", ".join(str(y) for y in check.years_loaded)
            self.stdout.write(self.style.SUCCESS(f"Published the calendar for {years}."))
        else:
            self.stdout.write(f"No new calendar year (chinesecalendar {check.package_version or '?'}).")
