"""``manage.py import_request_history FILE --user NAME``: past requests from CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.annualreports.history import COLUMNS, import_history


class Command(BaseCommand):
    help = (
        "Import requests handled before the platform was used (CSV in UTF-8 or XLSX; columns: "
        + ", ".join(COLUMNS)
        + "). All rows or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="username of the disclosure office or administrator importing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['user']!r}.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        result = import_history(data=data, by=user, file_name=path.name)
        if not result.ok:
            for error in result.errors:
                column = f" [{error.column}]" if error.column else ""
                self.stderr.write(f"row {error.row}{column}: {error.message}")
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s).")
        self.stdout.write(f"Imported {result.created} request(s).")
