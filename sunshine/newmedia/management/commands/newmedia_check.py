"""``manage.py newmedia_check``: the health flags of the agencies' active new-media accounts
(docs/newmedia.md#health), per agency: not updated (no post in the 14 days up to the day), no person
in charge, messages unanswered. Run it monthly (``--month 2026-11``: as of the month's last day) or
for a day (``--date``, default today)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sunshine.newmedia import health
from sunshine.oversight.periods import parse_period


class Command(BaseCommand):
    help = (
        "Flag the new-media accounts not updated for 2 weeks, without a person in charge or with messages "
        "unanswered."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM: as of the month's last day")
        parser.add_argument("--date", help="YYYY-MM-DD: as of this day (default today)")
        parser.add_argument("--agency", action="append", help="an agency's code (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = timezone.localdate()
        if options.get("month"):
            period = parse_period(options["month"])
            if period is None:
                raise CommandError("--month must be YYYY-MM")
            on = period.last
        elif options.get("date"):
            try:
                on = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        groups = health.by_agency(on, options.get("agency"))
        self.stdout.write(f"New-media accounts as of {on:%Y-%m-%d}")
        for group in groups:
            self.stdout.write(
                f"{group.agency_code} {group.agency_name}: {len(group.accounts)} active, "
                f"{group.stale} not updated for 2 weeks, {group.no_manager} without a person in charge, "
                f"{group.unanswered} messages unanswered"
            )
            for row in group.accounts:
                flags = [
                    *(["not updated for 2 weeks"] if row.stale else []),
                    *(["no person in charge"] if row.no_manager else []),
                    *([f"{row.unanswered} messages unanswered"] if row.unanswered else []),
                ]
                if flags:
                    last = f"{row.last_post:%Y-%m-%d}" if row.last_post else "never"
                    self.stdout.write(
                        f"  {row.account.get_platform_display()} {row.account.name} (last post {last}): "
                        + ", ".join(flags)
                    )
        if not groups:
            self.stdout.write("No active account.")
