from __future__ import annotations

from django.contrib import admin

from sunshine.records.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The topic list (主题分类) is shared by all agencies: administrators may add topics."""

    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")
    ordering = ("code",)
