"""``manage.py supervision_sweep [--today YYYY-MM-DD]``: the supervision levels, step overruns and
anomalies of every case not concluded (docs/supervision.md#sweep). Idempotent; run it daily from a
timer, after ``cases_sweep`` (which runs it too)."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sunshine.supervision.sweep import sweep


class Command(BaseCommand):
    help = "Store the supervision levels, step overruns and anomalies of the open cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = sweep(options["today"])
        self.stdout.write(
            f"{result.checked} case(s) checked, {result.created} new, {result.updated} changed, "
            f"{len(result.changes)} level change(s) in {time.perf_counter() - started:.1f} s"
        )
