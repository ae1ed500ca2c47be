"""The forms of applying for a service through the pages: the applicant's details (the same fields,
words and checks as the application for information, ``request_forms``) and one material's file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.cases.services import Applicant
from sunshine.inforequests.validation import applicant_errors, masked_id_number
from sunshine.portal.request_forms import CHOICE_FIELDS, SERVICE_FIELDS, ApplicationForm

# The form's fields → the draft's (and the API's) names of the applicant's details.
DETAILS = {
    "applicant_kind": "kind",
    "name": "name",
    "id_type": "id_type",
    "id_number": "id_number",
    "phone": "phone",
    "email": "email",
    "address": "address",
}
_BASE = ApplicationForm.base_fields


class ApplicantForm(forms.Form):
    """Who applies and how the agency reaches them: the fields of the application for information."""

    use_required_attribute = False  # the server's summary of problems, not the browser's bubbles

    applicant_kind = _BASE["applicant_kind"]
    name = _BASE["name"]
    id_type = _BASE["id_type"]
    id_number = _BASE["id_number"]
    phone = _BASE["phone"]
    email = _BASE["email"]
    address = _BASE["address"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "The agency tells you of each step of your application at this address."
        )
        self.fields["address"].help_text = ""

    @classmethod
    def from_applicant(cls, applicant: Applicant | None) -> ApplicantForm:
        if applicant is None:
            return cls()
        return cls(initial={field: getattr(applicant, name) for field, name in DETAILS.items()})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.add_service_errors(applicant_errors(self.applicant()))
        return cleaned

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        """The service's errors beside the fields they concern (those without a problem yet)."""
        for key, message in fields.items():
            name = SERVICE_FIELDS.get(key)
            if name is None or name not in self.fields:
                self.add_error(None, message)
            elif name in self.errors or (name == "id_type" and "applicant_kind" in self.errors):
                continue
            else:
                self.add_error(name, message)

    def applicant(self) -> Applicant:
        data = getattr(self, "cleaned_data", {})
        return Applicant(**{name: str(data.get(field) or "") for field, name in DETAILS.items()})


def answer_rows(applicant: Applicant) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """The details as the check page shows them: who applies (the identity number masked) and the
    contacts, each row (label, value)."""
    labels = {field: _BASE[field].label for field in DETAILS}

    def shown(field: str) -> str:
        value = str(getattr(applicant, DETAILS[field]))
        if field == "id_number":
            return masked_id_number(applicant.id_type, value)
        choices = CHOICE_FIELDS.get(field)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    who = [(labels[f], shown(f)) for f in ("applicant_kind", "name", "id_type", "id_number")]
    contact = [(labels[f], shown(f)) for f in ("phone", "email", "address")]
    return who, contact


class DraftFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose the file to send."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the file to send."),
        },
    )
