"""``manage.py oversight_compute [--period YYYY-MM] [--agency CODE] [--rank]``: compute and store the
oversight indicators of a month (default: the running month) for every agency or one, and with
``--rank`` recompute the unpublished rankings of that month, quarter and year (docs/oversight.md).
Idempotent; run it nightly for the running month and once after the end of each month for the month
just ended."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.agencies.models import Agency
from sunshine.oversight.periods import current_period, parse_period, spans_of
from sunshine.oversight.rankings import recompute_all
from sunshine.oversight.services import compute


class Command(BaseCommand):
    help = "Compute and store the oversight indicators of a month."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", default="", help="the month, YYYY-MM (default: this month)")
        parser.add_argument("--agency", default="", help="one agency's code (default: every agency)")
        parser.add_argument(
            "--rank",
            action="store_true",
            help="then recompute the unpublished rankings of the month, its quarter and its year",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = parse_period(options["period"]) if options["period"] else current_period()
        if period is None:
            raise CommandError(f"Not a month (YYYY-MM): {options['period']}")
        agencies = None
        if options["agency"]:
            found = Agency.objects.filter(code=options["agency"]).first()
            if found is None:
                raise CommandError(f"No agency has the code {options['agency']}")
            agencies = [found]
        started = time.perf_counter()
        written = compute(period=period, agencies=agencies)
        self.stdout.write(f"{written} figure(s) of {period} stored in {time.perf_counter() - started:.1f} s")
        if options["rank"]:
            started = time.perf_counter()
            done = 0
            for span in spans_of(period):
                done += recompute_all(span)
            self.stdout.write(f"{done} ranking(s) recomputed in {time.perf_counter() - started:.1f} s")
