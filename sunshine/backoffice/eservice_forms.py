"""The forms of the service-guide pages (/staff/eservices/): the guide's fields and its rows of
materials, steps and windows. Rows are plain formsets: each shows its rows and two blank ones to
fill; a ticked "Remove" drops a row. No script is needed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from sunshine.agencies.models import Agency
from sunshine.eservices import services
from sunshine.eservices.codes import HandlingType, Kind, LifeEvent, MaterialForm, OnlineLevel
from sunshine.eservices.models import Version

BLANK_ROWS = 2
TEXTAREA = {"rows": 3}


class VersionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the item"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    legal_basis = forms.CharField(
        label=gettext_lazy("Legal basis"), max_length=20_000, widget=forms.Textarea(attrs=TEXTAREA)
    )
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    statutory_days = forms.IntegerField(
        label=gettext_lazy("Statutory time limit (working days)"), min_value=0, max_value=services.MAX_DAYS
    )
    promised_days = forms.IntegerField(
        label=gettext_lazy("Promised time limit (working days)"), min_value=0, max_value=services.MAX_DAYS
    )
    handling_type = forms.ChoiceField(label=gettext_lazy("Handling type"), choices=HandlingType.choices)
    free = forms.BooleanField(label=gettext_lazy("Free of charge"), required=False)
    fees = forms.CharField(
        label=gettext_lazy("Fees"), max_length=5000, required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    fee_basis = forms.CharField(
        label=gettext_lazy("Basis of the fees"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    contact_phone = forms.CharField(label=gettext_lazy("Phone for questions"), max_length=40, required=False)
    supervision_phone = forms.CharField(
        label=gettext_lazy("Phone for complaints (supervision)"), max_length=40, required=False
    )
    online_level = forms.TypedChoiceField(
        label=gettext_lazy("Online level"), choices=OnlineLevel.choices, coerce=int
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Life events"),
        choices=LifeEvent.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


class NewItemForm(VersionForm):
    agency = AgencyChoice(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    code = forms.CharField(
        label=gettext_lazy("Item code"),
        max_length=64,
        help_text=gettext_lazy("Letters, digits and hyphens; it never changes."),
    )

    field_order = ["agency", "code"]

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, AgencyChoice)
        agency_field.queryset = agencies


class RowForm(forms.Form):
    """A row: blank rows are skipped."""

    key = forms.CharField(label=gettext_lazy("Key"), max_length=40, required=False)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)

    def row(self) -> dict[str, Any] | None:
        data = dict(self.cleaned_data)
        if data.pop("DELETE", False) or not (data.get("name") or "").strip():
            return None
        if "copies" in data and data["copies"] is None:
            data["copies"] = 1
        if "days" in data and data["days"] is None:
            data["days"] = 0
        return data


class MaterialRow(RowForm):
    form = forms.ChoiceField(
        label=gettext_lazy("Original or copy"), choices=MaterialForm.choices, initial=MaterialForm.ORIGINAL
    )
    copies = forms.IntegerField(
        label=gettext_lazy("Copies"), min_value=1, max_value=99, initial=1, required=False
    )
    required = forms.BooleanField(label=gettext_lazy("Always required"), required=False, initial=True)
    condition = forms.CharField(label=gettext_lazy("Required when"), max_length=300, required=False)
    notes = forms.CharField(label=gettext_lazy("Notes"), max_length=300, required=False)


class StepRow(RowForm):
    role = forms.CharField(label=gettext_lazy("Who"), max_length=100, required=False)
    days = forms.IntegerField(
        label=gettext_lazy("Time limit (working days)"),
        min_value=0,
        max_value=services.MAX_DAYS,
        initial=0,
        required=False,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WindowRow(RowForm):
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    hours = forms.CharField(label=gettext_lazy("Opening hours"), max_length=200, required=False)


ROW_FORMS: dict[str, type[RowForm]] = {"materials": MaterialRow, "steps": StepRow, "windows": WindowRow}
ROW_FIELDS = {
    "materials": ("key", "name", "form", "copies", "required", "condition", "notes"),
    "steps": ("key", "name", "role", "days", "description"),
    "windows": ("key", "name", "address", "hours"),
}


def row_formsets(data: Any = None, version: Version | None = None) -> dict[str, Any]:
    """The three formsets, bound to ``data`` or filled from ``version``'s rows."""
    found: dict[str, Any] = {}
    for kind, form_class in ROW_FORMS.items():
        factory = forms.formset_factory(
            form_class, extra=BLANK_ROWS, can_delete=True, max_num=services.MAX_ROWS
        )
        initial = None
        if version is not None and data is None:
            initial = [
                {name: getattr(row, name) for name in ROW_FIELDS[kind]}
                for row in getattr(version, kind).all()
            ]
        found[kind] = factory(data, initial=initial, prefix=kind)
    return found


def version_initial(version: Version) -> dict[str, Any]:
    values = {name: getattr(version, name) for name in services.FIELDS}
    values["events"] = [tag.event for tag in version.events.all()]
    return values


class FileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (PDF, Word, Excel or image)"))
