"""``sunshine publish-static DIR`` (``manage.py publish_static DIR``): the public portal written as
files for nginx (docs/static_publishing.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.portal import static_site


class Command(BaseCommand):
    help = (
        "Write the public portal (pages, feeds, sitemaps, attachments) as files into DIR; run again, "
        "rewrite only what changed and delete what is no longer public."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory",
            type=Path,
            nargs="?",
            help="the folder nginx serves (default: settings.SUNSHINE_STATIC_SITE_DIR)",
        )
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        root = options["directory"] or static_site.configured_dir()
        if root is None:
            raise CommandError("Name the folder (or set SUNSHINE_STATIC_SITE_DIR).")
        try:
            outcome = static_site.build(root)
        except static_site.StaticSiteError as exc:
            raise CommandError(str(exc)) from exc
        summary = outcome.summary()
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                f"Published the portal in {root}: {summary['written']} written, {summary['unchanged']} "
                f"unchanged, {summary['removed']} removed, {summary['failed']} failed, "
                f"in {summary['seconds']} s."
            )
        if outcome.failed:
            raise CommandError("Some pages did not render: " + ", ".join(outcome.failed[:10]))
