"""The outbox in the site administration: read-only, filtered by state (docs/outbox.md#watching-it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sunshine.outbox.models import OutboxMessage


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("pending", _("Pending (not tried yet)")),
            ("retrying", _("Failed, retried later")),
            ("unsent", _("Not sent (pending or failed)")),
            ("sent", _("Sent")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> QuerySet[OutboxMessage]:
        value = self.value()
        if value == "pending":
            return queryset.filter(sent_at__isnull=True, attempts=0)
        if value == "retrying":
            return queryset.filter(sent_at__isnull=True, attempts__gt=0)
        if value == "unsent":
            return queryset.filter(sent_at__isnull=True)
        if value == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: messages are written by the domains and sent by ``outbox_push``."""

    list_display = (
        "id",
        "topic",
        "ordering_key",
        "created_at",
        "state_label",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )
    list_filter = (StateFilter, "topic")
    search_fields = ("ordering_key", "topic", "=key")
    date_hierarchy = "created_at"
    readonly_fields = (
        "key",
        "topic",
        "ordering_key",
        "payload",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )

    @admin.display(description=_("state"))
    def state_label(self, obj: OutboxMessage) -> str:
        return str(STATE_LABELS[obj.state])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


STATE_LABELS = {"pending": _("Pending"), "retrying": _("Failed, retried later"), "sent": _("Sent")}
