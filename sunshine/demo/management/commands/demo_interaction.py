"""``manage.py demo_interaction``: the demo's public interaction (政民互动) — letters in every status,
common questions, solicitations, a survey and open days (run after demo_data; idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.interaction import load_interaction


class Command(BaseCommand):
    help = (
        "Load the demo's letters, common questions, solicitations, survey and open days through the "
        "services. Safe to run again: only what is missing is added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="act as on this day, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "demo_interaction runs only with DEBUG=1 (or --force on a throw-away database)."
            )
        try:
            letters, others = load_interaction(today=options["today"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        added = ", ".join(f"{what} {n}" for what, n in others.added.items()) or "nothing else"
        self.stdout.write(f"Public interaction: {letters.created} letters added; {added} added.")
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"Published letters: {site}/letters/   statistics: {site}/letters/statistics/")
        self.stdout.write(
            f"Follow a letter at {site}/letters/follow/ with its code and key; staff sign in as officer "
            "(the Education Bureau) or office (the city government)."
        )
        for shown in letters.shown:
            flag = f" · {shown.flag}" if shown.flag else ""
            self.stdout.write(
                f"  {shown.key:<16} {shown.tracking_code}  key {shown.access_key}  {shown.status}{flag}"
            )
        self.stdout.write(f"Common questions: {site}/faq/   everything: {site}/interaction/")
