"""``sunshine import_records --manifest FILE --files DIR``: the published records of the former site,
with their index numbers, attachments and old addresses (docs/onboarding.md#records)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from sunshine.onboarding.command import ImportCommand
from sunshine.onboarding.records import RecordImporter, read_category_map


class Command(ImportCommand):
    kind = RecordImporter.kind
    help = (
        "Published records by index number, with their attachments (columns: "
        + ", ".join(RecordImporter.columns.all)
        + "; attachments: file names in the folder --files separated by ';'). Records already here "
        "are left as they are."
    )

    def add_input_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--manifest", type=Path, required=True, help="CSV (UTF-8 or GB18030) or XLSX, a record a row"
        )
        parser.add_argument("--files", type=Path, default=None, help="the folder of the attachments")

    def add_import_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--agency", default="", help="the agency's code: rows without one are its, others refused"
        )
        parser.add_argument(
            "--category-map", type=Path, default=None, help="CSV old,key: old category names to keys"
        )
        parser.add_argument(
            "--publish-with-findings",
            action="store_true",
            help="publish records with privacy findings too (by default they wait in review)",
        )

    def read_input(self, options: dict[str, Any]) -> tuple[bytes, str]:
        path: Path = options["manifest"]
        try:
            return path.read_bytes(), path.name
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc

    def import_options(self, options: dict[str, Any]) -> dict[str, Any]:
        files: Path | None = options["files"]
        if files is not None and not files.is_dir():
            raise CommandError(f"{files} is not a folder")
        category_map: dict[str, str] = {}
        if options["category_map"] is not None:
            try:
                category_map = read_category_map(options["category_map"].read_bytes())
            except OSError as exc:
                raise CommandError(f"Cannot read {options['category_map']}: {exc}") from exc
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        return {
            "files_dir": str(files.resolve()) if files is not None else "",
            "agency": options["agency"],
            "category_map": category_map,
            "publish_with_findings": options["publish_with_findings"],
        }
