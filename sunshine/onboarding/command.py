"""The shared command line of imports (``import_agencies``, ``import_staff``): the file, ``--dry-run``,
``--batch-size``, ``--report``, ``--language``; the report printed as a table, progress on stderr.

A subclass names its ``kind`` and may add options (``add_import_arguments``, ``import_options``) or
read its input otherwise (``read_input``). Problems in rows are reported and do not fail the command;
a file that cannot be read, or a run stopped by an unexpected error, does (exit status 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from sunshine.onboarding import services
from sunshine.onboarding.report import ProgressLine, summary, text_table, write_csv
from sunshine.onboarding.results import ImportReport
from sunshine.onboarding.runner import DEFAULT_BATCH_SIZE


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class ImportCommand(BaseCommand):
    kind: str

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_input_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
        parser.add_argument(
            "--batch-size",
            type=positive,
            default=DEFAULT_BATCH_SIZE,
            help=f"rows written per transaction (default {DEFAULT_BATCH_SIZE})",
        )
        parser.add_argument("--report", type=Path, help="also write the report to this CSV file")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=f"language of the report and messages (default {settings.LANGUAGE_CODE})",
        )
        self.add_import_arguments(parser)

    def add_input_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV (UTF-8 or GB18030) or XLSX file")

    def add_import_arguments(self, parser: CommandParser) -> None:
        """Options of one kind of import."""

    def import_options(self, options: dict[str, Any]) -> dict[str, Any]:
        return {}

    def read_input(self, options: dict[str, Any]) -> tuple[bytes, str]:
        path: Path = options["file"]
        try:
            return path.read_bytes(), path.name
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            data, name = self.read_input(options)
            progress = ProgressLine(cast(TextIO, self.stderr._out), name)  # the stream, not its wrapper
            try:
                report = services.run_command(
                    self.kind,
                    data,
                    file_name=name,
                    options=self.import_options(options),
                    dry_run=options["dry_run"],
                    batch_size=options["batch_size"],
                    progress=progress,
                )
            finally:
                progress.close()
            self.show(report, options)

    def show(self, report: ImportReport, options: dict[str, Any]) -> None:
        if report.file_problem:
            raise CommandError(report.file_problem)
        if options["verbosity"] >= 1 and report.results:
            self.stdout.write(text_table(report.results))
        if options["report"] is not None:
            with options["report"].open("w", encoding="utf-8-sig", newline="") as stream:
                write_csv(report.results, stream)
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(summary(report.counts, dry_run=report.dry_run))
        if report.stopped:
            raise CommandError(report.stopped)
