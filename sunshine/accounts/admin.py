from django.contrib import admin

from sunshine.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    search_fields = ("user__username", "prefix")
