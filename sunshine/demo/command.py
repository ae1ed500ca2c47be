"""The shape of the demo's loading commands: refused with DEBUG off unless ``--force``, the loader's
LookupError and WorkflowError turned into CommandError, then where to look (docs in README, demo)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.core.workflow import WorkflowError


class DemoLoadCommand(BaseCommand):
    """A subclass says what it loads (``load``) and what it prints of the result (``report``)."""

    def load(self) -> Any:
        raise NotImplementedError

    def report(self, result: Any, site: str) -> None:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = type(self).__module__.rsplit(".", 1)[-1]
        if not settings.DEBUG and not options["force"]:
            raise CommandError(f"{name} runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            result = self.load()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
        self.report(result, settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000")
