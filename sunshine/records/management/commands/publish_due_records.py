"""``manage.py publish_due_records``: publish every scheduled record whose time has come.

Run it every minute or so from a timer (cron, systemd); it is idempotent: a record is published
once, and one that cannot be published (its interpreted policy document withdrawn meanwhile) stays
scheduled, is counted as failed and makes the command exit with status 1.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sunshine.records import services


class Command(BaseCommand):
    help = "Publish the scheduled records whose publication time has come. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.publish_due()
        refreshed = services.refresh_due_dates()
        self.stdout.write(
            f"Scheduled records due: {result['due']}, published: {result['published']}, "
            f"failed: {result['failed']}; due dates computed anew: {refreshed}."
        )
        if result["failed"]:
            raise CommandError(f"{result['failed']} scheduled records could not be published")
