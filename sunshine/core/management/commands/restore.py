"""python manage.py restore DIR — check a backup against its manifest, then restore it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.core import backups


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with a backup made by `backup`, after checking "
        "every file's checksum. Stop the web server and the workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="the folder of the backup")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")
        parser.add_argument("--check", action="store_true", help="only check the backup, restore nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            if options["check"]:
                manifest = backups.verify(directory)
                self.stdout.write(f"The backup in {directory} is complete: {len(manifest['files'])} files.")
                return
            summary = backups.restore(directory, using=options["database"])
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {summary.vendor} database and files ({summary.files} files) from {directory}."
        )
