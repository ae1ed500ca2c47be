"""The forms of a draft reply in the back office: its text, its files, the comments of a step of
review or sign-off, and the reason a reviewer lets a privacy finding stay."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.backoffice.request_forms import reply_outcome_choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReplyDraftForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=reply_outcome_choices, required=False)
    reasons = forms.CharField(
        label=_("Reasons and legal basis"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required unless the information is disclosed in full."),
    )
    note = forms.CharField(
        label=_("Further detail (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example how and when information on paper is handed over."),
    )
    record_numbers = forms.CharField(
        label=_("Published records to point to (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Their index numbers (索引号), one per line or separated by commas."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_record_numbers(self) -> list[str]:
        raw = self.cleaned_data["record_numbers"].replace("，", ",").replace("\n", ",")
        return [v.strip() for v in raw.split(",") if v.strip()]


class ReplyFilesForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Files of the reply"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX) or images. Each is checked by the privacy scan."),
    )


class ReplyStepForm(forms.Form):
    comments = forms.CharField(
        label=_("Comments"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    acknowledged = forms.BooleanField(
        required=False, label=_("Send it anyway and let the reviewer decide on the privacy findings")
    )


class KeepFindingForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(label=_("Why it may stay"), max_length=2000)
