"""python manage.py backup DIR — the database and the uploaded files, with a manifest of checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.core import backups


class Command(BaseCommand):
    help = "Back up the database and the uploaded files to a new folder, with SHA-256 checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a new or empty folder for this backup")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backups.backup(options["directory"], using=options["database"])
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the {summary.vendor} database and files: {summary.files} files, "
            f"{summary.bytes} bytes, in {options['directory']}."
        )
