"""``manage.py cases_sweep [--today YYYY-MM-DD]``: record the law's own acceptance of every case the
agency left without a notice of missing items or an acceptance for 5 working days (docs/cases.md),
and remove the drafts of applications through the pages left unchanged for
``SUNSHINE_CASE_DRAFT_DAYS`` days (7 by default) with their files. Idempotent; run it from a timer."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sunshine.cases import drafts
from sunshine.cases.services import sweep


class Command(BaseCommand):
    help = (
        "Record the acceptance by law of cases left without a notice for 5 working days; remove old "
        "drafts of applications."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        accepted = sweep(options["today"])
        self.stdout.write(f"{len(accepted)} case(s) accepted by law")
        removed = drafts.purge()
        self.stdout.write(f"{removed} old draft(s) removed")
        # Then electronic supervision's levels, on the cases as they now stand (docs/supervision.md).
        today = ["--today", options["today"].isoformat()] if options["today"] else []
        call_command("supervision_sweep", *today, stdout=self.stdout)
