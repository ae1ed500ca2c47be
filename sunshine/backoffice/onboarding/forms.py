"""The upload form of imports (/staff/import/)."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.onboarding.models import ImportJob
from sunshine.onboarding.services import MAX_FILE_BYTES

EXTENSIONS = (".csv", ".xlsx", ".txt")


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=gettext_lazy("File (CSV in UTF-8 or GB18030, or XLSX)"),
        help_text=gettext_lazy("The first row names the columns; see the columns of each kind below."),
    )
    reinvite = forms.BooleanField(
        label=gettext_lazy("Staff accounts: send the invitation again to people who have an account already"),
        required=False,
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(n)s MB).") % {"n": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload
