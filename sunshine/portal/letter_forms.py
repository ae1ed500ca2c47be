"""The forms of the writer's letter pages: write a letter, open it with its code and key, answer a
request for information. The letters service checks the rules again; its messages go beside the
fields they concern."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.letters.codes import Kind, Rating
from sunshine.letters.feedback import MAX_COMMENT
from sunshine.letters.services import Writer
from sunshine.portal.request_forms import agency_choices

# The service's field names (``services.submit_letter``) and the form's.
SERVICE_FIELDS = {
    "agency": "agency",
    "kind": "kind",
    "subject": "subject",
    "body": "body",
    "writer.name": "name",
    "writer.phone": "phone",
    "writer.email": "email",
}


class WriteForm(forms.Form):
    agency = forms.ChoiceField(
        label=_("Agency"),
        help_text=_("The agency your letter is for."),
        error_messages={
            "required": _("Choose the agency you are writing to."),
            "invalid_choice": _("Choose the agency you are writing to."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of letter"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of letter."),
            "invalid_choice": _("Choose the kind of letter."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=200, error_messages={"required": _("Give the subject of the letter.")}
    )
    body = forms.CharField(
        label=_("Your letter"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the letter.")},
    )
    name = forms.CharField(label=_("Name"), max_length=100, error_messages={"required": _("Give your name.")})
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, error_messages={"invalid": _("Enter a valid e-mail address.")}
    )
    publish_consent = forms.BooleanField(
        label=_("The agency may publish my letter and its reply, without my name and contact details."),
        required=False,
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in public_agencies().order_by("path")}
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose an agency")), *agency_choices(list(self.agencies.values()))]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address, so the agency can answer."))
        return cleaned

    def chosen_agency(self) -> Agency | None:
        code = self.data.get("agency") if self.is_bound else self.initial.get("agency")
        return self.agencies.get(str(code or ""))

    def writer(self) -> Writer:
        data = self.cleaned_data
        return Writer(name=data["name"], phone=data.get("phone") or "", email=data.get("email") or "")

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "form_token"}

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        for key, message in fields.items():
            name = SERVICE_FIELDS.get(key)
            if name is None:
                self.add_error(None, message)
            elif name not in self.errors:
                self.add_error(name, message)


class FollowForm(forms.Form):
    tracking_code = forms.CharField(
        label=_("Letter's tracking code"),
        max_length=40,
        help_text=_("It begins with X, for example X2026-ABCD2345."),
        error_messages={"required": _("Enter the tracking code.")},
    )
    access_key = forms.CharField(
        label=_("Letter's access key"),
        max_length=80,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the access key.")},
    )


class InfoForm(forms.Form):
    text = forms.CharField(
        label=_("The information asked for"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the information the agency asked for.")},
    )


class RatingForm(forms.Form):
    """The writer's rating of the reply (``letters.feedback``)."""

    rating = forms.ChoiceField(
        label=_("How satisfied are you with the reply?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating."), "invalid_choice": _("Choose a rating.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
