from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from sunshine.agencies import services
from sunshine.agencies.models import AGENCY_FIELDS, Agency, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "name_en", "code")
    autocomplete_fields = ["parent"]
    ordering = ("path",)

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        """Goes through the services so that the tree paths and the audit log stay right."""
        data: dict[str, Any] = {
            name: form.cleaned_data[name] for name in AGENCY_FIELDS if name in form.cleaned_data
        }
        if change:
            changed = {k: v for k, v in data.items() if k in form.changed_data}
            if changed:
                saved = services.update_agency(by=request.user, agency=obj, **changed)
                obj.path = saved.path
        else:
            code, kind, name, parent = (data.pop(k) for k in ("code", "kind", "name", "parent"))
            saved = services.create_agency(
                by=request.user, code=code, kind=kind, name=name, parent=parent, **data
            )
            obj.pk, obj.path = saved.pk, saved.path


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name", "agency__code")
    autocomplete_fields = ["user", "agency"]

    def save_model(self, request: HttpRequest, obj: Membership, form: ModelForm, change: bool) -> None:
        if change:
            old = Membership.objects.get(pk=obj.pk)
            services.revoke_role(by=request.user, membership=old)
        saved = services.grant_role(by=request.user, user=obj.user, agency=obj.agency, role=obj.role)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.revoke_role(by=request.user, membership=obj)
