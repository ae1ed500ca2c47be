"""``manage.py demo_records``: a few hundred records for the demo city (run after demo_data; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.records import load_demo_records
from sunshine.records import indexing


class Command(BaseCommand):
    help = (
        "Load demo records (policy documents, budgets, news, notices …) for the demo city. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "demo_records runs only with DEBUG=1 (or --allow-production on a throw-away database)."
            )
        try:
            result = load_demo_records()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Demo records: {result['added']} added, {result['skipped']} already there or skipped; "
            f"{result['published']} published in all."
        )
        # Publishing indexes each record as it goes; this also brings in records loaded before the
        # search index existed, so that every published demo record can be found.
        report = indexing.rebuild()
        self.stdout.write(f"Search index: {report.indexed} published records.")
        self.stdout.write("Back office: http://127.0.0.1:8000/staff/records/")
