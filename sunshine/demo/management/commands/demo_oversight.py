"""``manage.py demo_oversight``: the demo's assessment scheme and rankings (run after the other demo
commands; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.oversight import load_oversight


class Command(BaseCommand):
    help = "Load the demo's assessment scheme and rankings. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_oversight runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            result = load_oversight()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        scheme = result.scheme
        self.stdout.write(
            f"Assessment: scheme {scheme.code} v{scheme.version}; ranking of {result.published.period} "
            f"published, {result.running} computed."
        )
        self.stdout.write(f"  Published: {site}/oversight/rankings/{result.published.pk}/")
        staff = f"{site}/staff/oversight/rankings/{scheme.code}/?period={result.running}"
        self.stdout.write(f"  Staff (sign in as office): {staff}")
