"""``manage.py demo_eservices``: the demo's services online (网上办事) — six published service guides
of three city bureaus and one guide waiting in review (run after demo_data; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.eservices import IN_REVIEW, load_eservices


class Command(BaseCommand):
    help = (
        "Load the demo's service guides through the services and the review steps. Safe to run again: "
        "only what is missing is added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_eservices runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            result = load_eservices()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Services online: {result.published} published guides and {result.in_review} guide in review "
            "added."
        )
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"Catalogue: {site}/services/")
        for code in result.codes:
            self.stdout.write(f"  {site}/services/{code}/")
        self.stdout.write(f"In review: {IN_REVIEW.code} (sign in as reviewer: {site}/staff/desk/review/)")
