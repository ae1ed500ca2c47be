"""``manage.py demo_bulletins``: one published issue of the city government's bulletin, compiled from
the demo's records (run after demo_data and demo_records; idempotent)."""

from __future__ import annotations

from typing import Any

from sunshine.demo.bulletins import load_bulletins
from sunshine.demo.command import DemoLoadCommand


class Command(DemoLoadCommand):
    help = "Publish one issue of the demo city's government bulletin. Safe to run again."

    def load(self) -> Any:
        return load_bulletins()

    def report(self, issue: Any, site: str) -> None:
        self.stdout.write(f"Bulletin: {issue.title}, {issue.entries.count()} records.")
        self.stdout.write(f"  Public: {site}/bulletins/{issue.year}/{issue.number}/")
        self.stdout.write(f"  Staff (sign in as office): {site}/staff/bulletins/{issue.pk}/")
