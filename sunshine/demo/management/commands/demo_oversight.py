"""``manage.py demo_oversight``: the demo's assessment scheme and rankings (run after the other demo
commands; idempotent)."""

from __future__ import annotations

from typing import Any

from sunshine.demo.command import DemoLoadCommand
from sunshine.demo.oversight import load_oversight


class Command(DemoLoadCommand):
    help = "Load the demo's assessment scheme and rankings. Safe to run again."

    def load(self) -> Any:
        return load_oversight()

    def report(self, result: Any, site: str) -> None:
        scheme = result.scheme
        self.stdout.write(
            f"Assessment: scheme {scheme.code} v{scheme.version}; ranking of {result.published.period} "
            f"published, {result.running} computed."
        )
        self.stdout.write(f"  Published: {site}/oversight/rankings/{result.published.pk}/")
        staff = f"{site}/staff/oversight/rankings/{scheme.code}/?period={result.running}"
        self.stdout.write(f"  Staff (sign in as office): {staff}")
