"""The forms of the inspection pages. They only carry the input: the services check the rules and
their messages go beside the fields."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.inspections.actions import RECTIFICATION_ACTIONS
from sunshine.inspections.codes import Kind
from sunshine.inspections.models import Inspection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrors:
    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        form: Any = self
        for name, message in fields.items():
            form.add_error(name if name in form.fields else None, message)


class InspectionForm(ServiceErrors, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect, required=False)
    period = forms.CharField(
        label=_("Period"), max_length=40, required=False, help_text=_("For example 2026 Q4.")
    )
    office = forms.ModelChoiceField(
        label=_("Inspecting office"), queryset=Agency.objects.none(), required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies inspected"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    items = forms.CharField(
        label=_("Checklist"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("One item per line."),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        office: Any = self.fields["office"]
        inspected: Any = self.fields["agencies"]
        office.queryset = agencies.order_by("path")
        inspected.queryset = agencies.order_by("path")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the service checks each."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(one, initial) for one in data]
        return super().clean(data, initial)


class FindingForm(ServiceErrors, forms.Form):
    agency = forms.TypedChoiceField(label=_("Agency"), coerce=int, required=False, empty_value=None)
    item = forms.TypedChoiceField(label=_("Checklist item"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Web addresses of the pages concerned, one per line."),
    )
    records = forms.CharField(
        label=_("Records"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Index numbers of the records concerned, one per line."),
    )
    evidence = MultipleFileField(
        label=_("Screenshots or photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/png,image/jpeg,image/gif"}),
        help_text=_("PNG, JPEG or GIF images."),
    )

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        item: Any = self.fields["item"]
        agency.choices = [("", "—"), *((a.pk, a.display_name) for a in inspection.agencies.order_by("path"))]
        item.choices = [("", _("(none)")), *((i.pk, i.text) for i in inspection.items.all())]


class StepForm(ServiceErrors, forms.Form):
    date = forms.DateField(
        label=_("Date of the step"), required=False, widget=DATE, help_text=_("Today when left empty.")
    )

    def inputs(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "")}

    def step_date(self) -> datetime.date | None:
        value = self.cleaned_data.get("date")
        return value if isinstance(value, datetime.date) else None


class AnswerForm(StepForm):
    answer = forms.CharField(
        label=_("What the agency did"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ReturnForm(StepForm):
    reason = forms.CharField(
        label=_("Why the answer is not enough"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class VerifyForm(StepForm):
    note = forms.CharField(
        label=_("What was checked"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


STEP_FORMS: dict[str, type[StepForm]] = {"answer": AnswerForm, "verify": VerifyForm, "return": ReturnForm}
assert set(STEP_FORMS) == set(RECTIFICATION_ACTIONS), "one form per step"


def step_form(action: str, data: Any = None) -> StepForm:
    return STEP_FORMS[action](data, prefix=action)


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("The finding"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("The complaint's subject when left empty."),
    )
