"""The site administration of letters: the agencies' reply periods and reply templates (each change
through the service, which audits it), and letters read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from sunshine.core.workflow import WorkflowError
from sunshine.letters.models import Letter, LetterPeriod, LetterReplyTemplate
from sunshine.letters.replies import templates


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


class LetterReplyTemplateForm(ModelForm):
    """The service's checks (title, text, known placeholders), their messages beside the fields."""

    class Meta:
        model = LetterReplyTemplate
        fields = ("agency", "kind", "title", "text", "is_active")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            templates.checked(data.get("kind") or "", data.get("title") or "", data.get("text") or "")
        except WorkflowError as exc:
            for name, message in exc.fields.items():
                self.add_error(name if name in self.fields else None, message)
        return data


@admin.register(LetterReplyTemplate)
class LetterReplyTemplateAdmin(admin.ModelAdmin[LetterReplyTemplate]):
    """Templates are deactivated, not deleted; each change is audited by the service."""

    form = LetterReplyTemplateForm

    list_display = ("title", "agency", "kind", "is_active")
    list_filter = ("is_active", "kind")
    search_fields = ("title", "agency__name", "agency__code")
    autocomplete_fields = ("agency",)

    def save_model(
        self, request: HttpRequest, obj: LetterReplyTemplate, form: ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        current = LetterReplyTemplate.objects.get(pk=obj.pk) if change else None
        saved = templates.save_template(
            by=request.user,
            agency=data["agency"],
            kind=data.get("kind") or "",
            title=data["title"],
            text=data["text"],
            is_active=bool(data.get("is_active")),
            template=current,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: LetterReplyTemplate | None = None) -> bool:
        return False
