"""Read-only admin pages: the calendar is changed through the back office (services), never here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sunshine.workdays.models import CalendarDay, CalendarYear


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "notice_title", "notice_number", "source", "updated_at")


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "is_workday", "note")
    list_filter = ("is_workday", "calendar_year")
    search_fields = ("note",)
    date_hierarchy = "date"
