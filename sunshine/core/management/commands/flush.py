"""Django's ``flush``, allowed to empty the append-only audit log (see ``core.audit_guard``)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from sunshine.core.audit_guard import audit_log_unlocked


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with audit_log_unlocked(options["database"]):
            super().handle(**options)
