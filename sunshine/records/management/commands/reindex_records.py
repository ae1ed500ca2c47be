"""``manage.py reindex_records``: build the search index of published records anew.

Publishing keeps the index up to date by itself; run this after restoring a backup, after changing
how text is segmented, or to repair an index that was changed by hand. Safe to run at any time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.records import indexing


class Command(BaseCommand):
    help = "Index every published record anew and take records that are no longer public out of the index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Processes that segment the text (the slow part) while this one writes; default 1.",
        )
        parser.add_argument(
            "--replace-all",
            action="store_true",
            help="Empty the index first and load it in bulk: faster for a large index, but searches "
            "find less until the rebuild ends.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        report = indexing.rebuild(workers=options["workers"], replace_all=options["replace_all"])
        self.stdout.write(
            f"Records indexed: {report.indexed}, taken out (no longer public): {report.removed}; "
            f"{report.seconds:.1f} s with {report.workers} worker(s)."
        )
