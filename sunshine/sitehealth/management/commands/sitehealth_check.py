"""``manage.py sitehealth_check [--base-url URL] [--max-pages N] [--today YYYY-MM-DD]``: crawl the
portal and store a website check with its findings (docs/sitehealth.md#commands). Run it daily."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.sitehealth import config, services


class Command(BaseCommand):
    help = "Crawl the portal, check its columns and messages, and store the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default=None, help="the site's address (default: the setting)")
        parser.add_argument("--max-pages", type=int, default=None)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        limits = config.limits()
        if options["max_pages"]:
            limits = dataclasses.replace(limits, max_pages=options["max_pages"])
        try:
            run = services.run_check(base_url=options["base_url"], limits=limits, today=options["today"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{run.pages_crawled} page(s), {run.links_checked} link(s) checked"
            f"{' (page limit reached)' if run.reached_limit else ''}: "
            f"{run.veto_count} veto item(s), {run.warning_count} warning(s)"
        )
