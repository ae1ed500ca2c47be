"""Forms of the applicant's pages: the application (条例 Art. 29), the status look-up, the statistics filter.

The application form checks what a form can (required, length, choices) and then asks the service's
own validation (``inforequests.validation``) so that every problem is listed at once; the service
checks again on submission, and its ``RequestError.fields`` map onto the same form fields.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.inforequests.codes import ApplicantKind, DeliveryForm, DeliveryMethod, IdType
from sunshine.inforequests.services import Applicant, Wanted
from sunshine.inforequests.validation import applicant_errors, masked_id_number, wanted_errors

# Field names in the service's errors (as in the JSON API) → the form's fields.
SERVICE_FIELDS = {
    "agency": "agency",
    "applicant.kind": "applicant_kind",
    "applicant.name": "name",
    "applicant.id_type": "id_type",
    "applicant.id_number": "id_number",
    "applicant.phone": "phone",
    "applicant.email": "email",
    "applicant.address": "address",
    "title": "title",
    "document_number": "document_number",
    "description": "description",
    "delivery.form": "delivery_form",
    "delivery.method": "delivery_method",
}
CODE_INPUT = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
INDENT = "\u3000"  # one ideographic space per level of the agency tree
MIN_STATISTICS_YEAR = 2008


def new_form_token() -> str:
    """A one-off token carried by one rendering of the form: sending it twice stores one request."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class AnswerGroup:
    """One group of answers on the check-your-answers page, with the part of the form that changes it."""

    anchor: str  # the id of the form's part the "Change" button returns to
    title: str | Promise
    rows: list[tuple[str | Promise, str]]


# The fields whose answer is shown by its label.
CHOICE_FIELDS: dict[str, type[models.TextChoices]] = {
    "applicant_kind": ApplicantKind,
    "id_type": IdType,
    "delivery_form": DeliveryForm,
    "delivery_method": DeliveryMethod,
}

# The groups of the check-your-answers page: (anchor, title, fields), in the order of the form.
ANSWER_GROUPS: list[tuple[str, str | Promise, list[str]]] = [
    ("part-agency", _("The agency"), ["agency"]),
    ("part-applicant", _("Who applies"), ["applicant_kind", "name", "id_type", "id_number"]),
    ("part-contact", _("How the agency can reach you"), ["phone", "email", "address"]),
    ("part-wanted", _("The information you want"), ["title", "document_number", "description"]),
    ("part-delivery", _("How you want to receive it"), ["delivery_form", "delivery_method"]),
]


def agency_choices(agencies: list[Agency]) -> list[tuple[str, Any]]:
    """The agencies as a select's choices: one group per top-level government, in tree order, each
    agency indented under its parent."""
    children: dict[int | None, list[Agency]] = {}
    known = {agency.pk for agency in agencies}
    for agency in sorted(agencies, key=lambda a: (a.sort_order, a.code)):
        parent = agency.parent_id if agency.parent_id in known else None
        children.setdefault(parent, []).append(agency)

    def walk(agency: Agency, depth: int) -> list[tuple[str, str]]:
        rows = [(agency.code, INDENT * depth + agency.display_name)]
        for child in children.get(agency.pk, []):
            rows += walk(child, depth + 1)
        return rows

    return [(root.display_name, walk(root, 0)) for root in children.get(None, [])]


class ApplicationForm(forms.Form):
    """An application for government information. Field order is the order of the page."""

    use_required_attribute = False  # the server's summary of problems, not the browser's bubbles

    agency = forms.ChoiceField(
        label=_("Agency"),
        help_text=_("The agency that made or holds the information."),
        error_messages={
            "required": _("Choose the agency you are applying to."),
            "invalid_choice": _("Choose the agency you are applying to."),
        },
    )
    applicant_kind = forms.ChoiceField(
        label=_("You apply as"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.NATURAL_PERSON,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the type of applicant."),
            "invalid_choice": _("Choose the type of applicant."),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_(
            "Your full name as on your identity document, or the registered name of the organisation."
        ),
        error_messages={"required": _("Give the applicant's name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_type = forms.ChoiceField(
        label=_("Identity document"),
        choices=IdType.choices,
        initial=IdType.RESIDENT_ID,
        help_text=_(
            "A person: identity card, passport or travel permit. "
            "An organisation: its unified social credit code."
        ),
        error_messages={
            "required": _("Choose an identity document that fits the type of applicant."),
            "invalid_choice": _("Choose an identity document that fits the type of applicant."),
        },
    )
    id_number = forms.CharField(
        label=_("Number of the identity document"),
        max_length=50,
        help_text=_("18 characters for a resident identity card or a unified social credit code."),
        error_messages={"required": _("Give the number of the identity document.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        help_text=_(
            "We send the tracking code and the access key to this address. "
            "Needed if the information is to reach you by e-mail."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        required=False,
        help_text=_("Needed if the information is to reach you by post."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    title = forms.CharField(
        label=_("Name of the information"),
        max_length=300,
        required=False,
        help_text=_("For example the title of a document, report or plan, if you know it."),
    )
    document_number = forms.CharField(
        label=_("Document number of the information"),
        max_length=100,
        required=False,
        help_text=_("If you know it, for example 阳教发〔2025〕3号."),
    )
    description = forms.CharField(
        label=_("Description of the information"),
        max_length=5000,
        help_text=_(
            "Describe the information so that the agency can find it: what it is about, the period "
            "it covers, who made it and when. Ask for information, not for an explanation or advice."
        ),
        error_messages={"required": _("Describe the information you want.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    delivery_form = forms.ChoiceField(
        label=_("Form of the information"),
        choices=DeliveryForm.choices,
        initial=DeliveryForm.ELECTRONIC,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the form of the information."),
            "invalid_choice": _("Choose the form of the information."),
        },
    )
    delivery_method = forms.ChoiceField(
        label=_("How the information reaches you"),
        choices=DeliveryMethod.choices,
        initial=DeliveryMethod.EMAIL,
        help_text=_("By e-mail needs an e-mail address and by post a postal address (part 3 of the form)."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the information is to reach you."),
            "invalid_choice": _("Choose how the information is to reach you."),
        },
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in public_agencies().order_by("path")}
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [("", _("Choose an agency")), *agency_choices(list(self.agencies.values()))]

    def clean_form_token(self) -> str:
        return str(self.cleaned_data.get("form_token") or "")[:100]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        applicant = self.applicant()
        self.add_service_errors({**applicant_errors(applicant), **wanted_errors(self.wanted(), applicant)})
        return cleaned

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        """Put the service's errors beside the fields they concern (those without a problem yet)."""
        for key, message in fields.items():
            name = SERVICE_FIELDS.get(key)
            if name is None:
                self.add_error(None, message)
            elif name in self.errors or (name == "id_type" and "applicant_kind" in self.errors):
                continue  # the form's own message already says what is wrong there
            else:
                self.add_error(name, message)

    def _text(self, name: str) -> str:
        return str(self.cleaned_data.get(name) or "")

    def applicant(self) -> Applicant:
        return Applicant(
            kind=self._text("applicant_kind"),
            name=self._text("name"),
            id_type=self._text("id_type"),
            id_number=self._text("id_number"),
            phone=self._text("phone"),
            email=self._text("email"),
            address=self._text("address"),
        )

    def wanted(self) -> Wanted:
        return Wanted(
            description=self._text("description"),
            document_number=self._text("document_number"),
            title=self._text("title"),
            delivery_form=self._text("delivery_form"),
            delivery_method=self._text("delivery_method"),
        )

    def chosen_agency(self) -> Agency | None:
        """The agency picked (or preselected) in the form, to show its guide beside it."""
        code = self.data.get("agency") if self.is_bound else self.initial.get("agency")
        return self.agencies.get(str(code or ""))

    def answer(self, name: str) -> str:
        """The cleaned value of field ``name`` as the applicant reads it (a choice's label; the
        identity document's number masked, as anyone near the screen may read it)."""
        value = self._text(name)
        if name == "id_number":
            return masked_id_number(self._text("id_type"), value)
        if name == "agency":
            agency = self.agencies.get(value)
            return agency.display_name if agency else value
        choices = CHOICE_FIELDS.get(name)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    def answers(self) -> list[AnswerGroup]:
        """Every answer of a valid form, grouped as the form's parts (the check-your-answers page)."""
        return [
            AnswerGroup(
                anchor=anchor,
                title=title,
                rows=[(self.fields[name].label or name, self.answer(name)) for name in names],
            )
            for anchor, title, names in ANSWER_GROUPS
        ]

    def payload(self) -> dict[str, str]:
        """What was applied for, as the fingerprint of a repeated submission."""
        return {name: self._text(name) for name in self.fields if name != "form_token"}


class AccessForm(forms.Form):
    """The tracking code and the access key that open a request. Sent by POST only."""

    use_required_attribute = False

    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("For example 2026-ABCD2345."),
        error_messages={"required": _("Enter the tracking code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    access_key = forms.CharField(
        label=_("Access key"),
        max_length=100,
        help_text=_("The 24 characters shown once after you applied, and sent to you by e-mail."),
        error_messages={"required": _("Enter the access key.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )


class StatisticsForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    subtree = forms.BooleanField(label=_("Include the agencies below"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(str(year), str(year)) for year in years]
        year_field.error_messages["invalid_choice"] = _("Choose a year from %(first)s to %(last)s.") % {
            "first": years[-1],
            "last": years[0],
        }
