"""``manage.py sitehealth_probe [--base-url URL]``: ask the site's ``/healthz`` once and store whether
it answered, and how fast (docs/sitehealth.md#availability). Run it every five minutes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.sitehealth import config, services


class Command(BaseCommand):
    help = "Probe /healthz once and store the result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default=None, help="the site's address (default: the setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["base_url"] or config.base_url()):
            raise CommandError("no address to probe: set SUNSHINE_SITEHEALTH_BASE_URL or SUNSHINE_SITE_URL")
        result = services.probe(base_url=options["base_url"])
        outcome = "ok" if result.ok else f"failed ({result.error or result.status})"
        latency = f" in {result.latency_ms} ms" if result.latency_ms is not None else ""
        self.stdout.write(f"/healthz {outcome}{latency}")
        if not result.ok:
            raise CommandError("the site is not available")
