"""``manage.py send_request_reminders``: the daily e-mail to officers about requests due soon or overdue.

Cron runs it every day (see docs/operations.md); on days the published calendar marks as not
working it sends nothing. Running it twice the same day sends nothing new.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sunshine.inforequests import reminders
from sunshine.letters.reminders import letter_link


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from exc


def _days(remaining: int | None) -> str:
    if remaining is None:
        return "working days unknown"
    if remaining < 0:
        return f"working days overdue: {-remaining}"
    return f"working days left: {remaining}"


class Command(BaseCommand):
    help = (
        "E-mail each information officer one digest of their requests that are due soon or overdue "
        "(requests nobody is assigned to go to the agency's information officers), with the letters due "
        "soon or overdue and those past their supervision date. Idempotent per day."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print who would get what; send nothing")
        parser.add_argument("--today", type=_date, help="the day to act as (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--base-url",
            default=None,
            help="start of the links in the e-mails, e.g. https://gk.example.gov.cn "
            "(default: settings.SUNSHINE_SITE_URL if set, else links are paths)",
        )
        parser.add_argument(
            "--any-day",
            action="store_true",
            help="run even on a day the calendar marks as not working (by default nothing is sent then)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = reminders.sweep(
            today=options["today"],
            dry_run=options["dry_run"],
            base_url=options["base_url"],
            working_days_only=not options["any_day"],
        )
        plan = result.plan
        if result.skipped_reason:
            self.stdout.write(
                f"{plan.today}: {result.skipped_reason}; nothing sent (--any-day to run anyway)."
            )
            return
        if options["dry_run"]:
            self._print_plan(plan, options["base_url"] or "")
        summary = result.summary()
        self.stdout.write(
            self.style.SUCCESS(
                f"{plan.today}: {summary['examined']} open requests examined, "
                f"{summary['due_soon']} due soon, {summary['overdue']} overdue; "
                f"{summary['sent']} e-mails sent"
                + (" (dry run)" if result.dry_run else "")
                + f", {summary['already_sent']} already sent today, {summary['failed']} failed, "
                f"{summary['unrouted']} requests with nobody to tell; {summary['seconds']:.2f} s."
            )
        )
        letters = summary["letters"]
        self.stdout.write(
            f"letters: {letters['examined']} open letters examined, {letters['due_soon']} due soon, "
            f"{letters['overdue']} overdue, {letters['supervision_overdue']} past their supervision date, "
            f"{letters['unrouted']} with nobody to tell."
        )
        if result.failed:
            raise CommandError(
                f"{result.failed} e-mails could not be sent (see the log); run again to retry."
            )

    def _print_plan(self, plan: reminders.ReminderPlan, base_url: str) -> None:
        for digest in plan.digests:
            self.stdout.write(
                f"{digest.email} ({digest.name}): "
                f"{len(digest.overdue)} overdue, {len(digest.due_soon)} due soon"
            )
            for item in digest.requests:
                self.stdout.write(
                    f"  {item.state:8} {item.tracking_code} due {item.due_date} "
                    f"({_days(item.remaining_working_days)}) {reminders.request_link(item.id, base_url)}"
                )
            for letter in [*digest.letters, *digest.supervised]:
                self.stdout.write(
                    f"  letter {letter.state:8} {letter.tracking_code} due {letter.due_date} "
                    f"supervision {letter.supervision_due_on} {letter_link(letter.id, base_url)}"
                )
        for item in plan.unrouted:
            self.stdout.write(
                f"nobody to tell: {item.state} {item.tracking_code} (agency id {item.agency_id})"
            )
