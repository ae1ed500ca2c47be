"""Send again the messages to applicants, to writers of letters and about service cases that failed or
that the task queue did not take."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sunshine.cases import notifications as case_notices
from sunshine.inforequests import step_messages
from sunshine.letters import notices as letter_notices


class Command(BaseCommand):
    help = (
        "Send again the messages to applicants and to writers of letters that failed (up to 5 attempts "
        "each) or that waited more than five minutes. Run it every few minutes from the scheduler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=None,
            help="the portal's address for the links (default: settings.SUNSHINE_SITE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for what, retry in (
            ("requests", step_messages.retry),
            ("letters", letter_notices.retry),
            ("cases", case_notices.retry),
        ):
            summary = retry(options["base_url"])
            self.stdout.write(
                f"{what}: {summary['tried']} tried, {summary['sent']} sent, {summary['failed']} failed"
            )
