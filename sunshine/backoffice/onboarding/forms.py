"""The upload form of imports (/staff/import/)."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.onboarding.models import ImportJob
from sunshine.onboarding.records import read_category_map
from sunshine.onboarding.services import MAX_ARCHIVE_BYTES, MAX_FILE_BYTES

EXTENSIONS = (".csv", ".xlsx", ".txt")


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=gettext_lazy("File (CSV in UTF-8 or GB18030, or XLSX)"),
        help_text=gettext_lazy("The first row names the columns; see the columns of each kind below."),
    )
    archive = forms.FileField(
        label=gettext_lazy("Records: the files the manifest names, as one ZIP archive"),
        help_text=gettext_lazy("The names in the attachments column are paths inside the archive."),
        required=False,
    )
    category_map = forms.FileField(
        label=gettext_lazy("Records: category map (CSV “old,key”), optional"),
        help_text=gettext_lazy("Old category names and the keys of the standard catalogue they stand for."),
        required=False,
    )
    publish_with_findings = forms.BooleanField(
        label=gettext_lazy(
            "Records: publish records with privacy findings too (by default they wait in review)"
        ),
        required=False,
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

    def clean_archive(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("archive")
        if upload is None:
            return None
        if not (upload.name or "").lower().endswith(".zip"):
            raise forms.ValidationError(_("Upload the files as one .zip archive."))
        if upload.size is not None and upload.size > MAX_ARCHIVE_BYTES:
            raise forms.ValidationError(
                _("The archive is too large (at most %(n)s MB).") % {"n": MAX_ARCHIVE_BYTES // (1024 * 1024)}
            )
        return upload

    def clean_category_map(self) -> dict[str, str]:
        upload: UploadedFile | None = self.cleaned_data.get("category_map")
        if upload is None:
            return {}
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The category map is too large."))
        try:
            return read_category_map(upload.read())
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
