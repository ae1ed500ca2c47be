"""The site administration of letters: the agencies' reply periods, and letters read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sunshine.letters.models import Letter, LetterPeriod


@admin.register(LetterPeriod)
class LetterPeriodAdmin(admin.ModelAdmin[LetterPeriod]):
    list_display = ("agency", "kind", "working_days")
    list_filter = ("kind",)
    autocomplete_fields = ("agency",)


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin[Letter]):
    """Letters change only through their steps (the API): the administration reads them."""

    list_display = ("tracking_code", "agency", "kind", "status", "received_on", "due_date")
    list_filter = ("kind", "status")
    search_fields = ("tracking_code", "subject")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Letter | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Letter | None = None) -> bool:
        return False
