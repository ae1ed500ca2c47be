"""``manage.py search_stats``: how many entries the search index holds, and in its engine."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sunshine.search.backends import get_backend


class Command(BaseCommand):
    help = "Print the number of entries of the search index and of its full-text part."

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_backend()
        entries, words = backend.entry_count(), backend.fulltext_count()
        self.stdout.write(f"engine: {backend.vendor}")
        self.stdout.write(f"entries: {entries}")
        self.stdout.write(f"full-text rows: {words}")
        if entries != words:
            self.stdout.write(self.style.WARNING("the full-text part does not match the entries"))
