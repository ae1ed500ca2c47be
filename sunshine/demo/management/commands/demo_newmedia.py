"""``manage.py demo_newmedia``: new-media accounts of the demo city's agencies with their QR codes,
one flagged as not updated and one closing (run after demo_data and demo_records; idempotent; never
calls a platform)."""

from __future__ import annotations

from typing import Any

from sunshine.demo.command import DemoLoadCommand
from sunshine.demo.newmedia import load_newmedia


class Command(DemoLoadCommand):
    help = "Register the demo city's new-media accounts. Safe to run again."

    def load(self) -> Any:
        return load_newmedia()

    def report(self, created: Any, site: str) -> None:
        self.stdout.write(f"New-media accounts: {len(created)} registered.")
        self.stdout.write(f"  Public: {site}/new-media/")
        self.stdout.write(f"  Staff (sign in as officer or office): {site}/staff/newmedia/")
