"""python manage.py load_calendar --year 2027 --file notice.csv --notice "…" — publish a year from CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.workdays import services


class Command(BaseCommand):
    help = "Publish a year's working-day calendar from a CSV file (date,is_workday,note)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--file", type=Path, required=True, help="CSV, UTF-8: date,is_workday,note")
        parser.add_argument("--notice", required=True, help="title of the State Council notice")
        parser.add_argument("--number", default="", help="document number of the notice")
        parser.add_argument("--url", default="", help="address of the notice")
        parser.add_argument("--replace", action="store_true", help="replace a year already published")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        try:
            row = services.import_year(
                by=None,
                year=options["year"],
                content=content,
                notice_title=options["notice"],
                notice_number=options["number"],
                notice_url=options["url"],
                replace=options["replace"],
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Published the calendar for {row.year} ({row.days.count()} days).")
        )
