"""The forms of the applicant's case pages: the code and key, and one material's file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CaseFollowForm(forms.Form):
    tracking_code = forms.CharField(
        label=_("Application's tracking code"),
        max_length=40,
        help_text=_("It begins with B, for example B2026-ABCD2345."),
        error_messages={"required": _("Enter the tracking code.")},
    )
    access_key = forms.CharField(
        label=_("Application's access key"),
        max_length=80,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the access key.")},
    )


class MaterialFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose the file to send."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the file to send."),
        },
    )
