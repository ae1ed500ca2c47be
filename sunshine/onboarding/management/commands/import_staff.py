"""``sunshine import_staff FILE``: staff accounts and their roles from CSV or XLSX, each new account
invited by e-mail to set its password (docs/onboarding.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from sunshine.onboarding.command import ImportCommand
from sunshine.onboarding.staff import StaffImporter


class Command(ImportCommand):
    kind = StaffImporter.kind
    help = (
        "Staff accounts by username, new or changed, with their roles (columns: "
        + ", ".join(StaffImporter.columns.all)
        + "; roles separated by ';'). New accounts get an e-mail to set their password."
    )

    def add_import_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reinvite",
            action="store_true",
            help="send the invitation again to accounts that exist already",
        )
        parser.add_argument(
            "--site-url",
            default=None,
            help="the portal's address for the invitation links (default: settings.SUNSHINE_SITE_URL)",
        )

    def import_options(self, options: dict[str, Any]) -> dict[str, Any]:
        base_url = options["site_url"] if options["site_url"] is not None else settings.SUNSHINE_SITE_URL
        if not base_url and not options["dry_run"]:
            self.stderr.write(
                "SUNSHINE_SITE_URL is not set and --site-url not given: the invitation links are paths."
            )
        return {"reinvite": options["reinvite"], "base_url": base_url.rstrip("/")}
