"""``manage.py demo_data``: load the demo city and its people (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.agencies import DEMO_PASSWORD, PEOPLE, load_demo_city


class Command(BaseCommand):
    help = "Load the demo city, its agencies and one demo person per role. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (the demo passwords are public: never on a real site).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "demo_data creates accounts with a published password; it runs only with DEBUG=1 "
                "(or --allow-production on a throw-away database)."
            )
        added = load_demo_city()
        self.stdout.write(f"Demo data: {added['agencies']} agencies and {added['people']} people added.")
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for person in PEOPLE:
            role = "superuser" if person.superuser else str(person.role)
            self.stdout.write(f"  {person.username:<12} {role:<18} {person.agency_code}")
        self.stdout.write("")
        self.stdout.write("Portal:      http://127.0.0.1:8000/")
        self.stdout.write("Back office: http://127.0.0.1:8000/staff/   Admin: http://127.0.0.1:8000/admin/")
        self.stdout.write("API docs:    http://127.0.0.1:8000/api/v1/docs")
