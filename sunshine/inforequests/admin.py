"""The agencies' request settings in the site administration: each change goes through the service,
which audits it."""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from sunshine.inforequests.models import AgencyRequestSettings
from sunshine.inforequests.settings_service import SETTING_FIELDS, set_request_settings


@admin.register(AgencyRequestSettings)
class AgencyRequestSettingsAdmin(admin.ModelAdmin):
    list_display = ("agency", "auto_confirm_online", "reply_review_required")
    list_filter = ("auto_confirm_online", "reply_review_required")
    search_fields = ("agency__name", "agency__code")
    autocomplete_fields = ["agency"]

    def save_model(
        self, request: HttpRequest, obj: AgencyRequestSettings, form: ModelForm, change: bool
    ) -> None:
        fields = {name: form.cleaned_data[name] for name in SETTING_FIELDS if name in form.cleaned_data}
        saved = set_request_settings(by=request.user, agency=form.cleaned_data["agency"], **fields)
        obj.pk = saved.pk
