"""One form per step of a rectification (``evaluations.actions.ACTIONS``): the step's fields and
its date. The kernel's handlers check the rules; their messages go beside the fields."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.evaluations.actions import ACTIONS
from sunshine.evaluations.codes import VisitMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepForm(forms.Form):
    date = forms.DateField(
        label=_("Date of the step"), required=False, widget=DATE, help_text=_("Today when left empty.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # the handlers say what is missing, in the user's language

    def inputs(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "")}

    def step_date(self) -> datetime.date | None:
        value = self.cleaned_data.get("date")
        return value if isinstance(value, datetime.date) else None

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        for name, message in fields.items():
            self.add_error(name if name in self.fields else None, message)


class AnswerForm(StepForm):
    measures = forms.CharField(label=_("What the agency did"), widget=forms.Textarea(attrs={"rows": 5}))


class ReturnForm(StepForm):
    reason = forms.CharField(
        label=_("Why the answer is not enough"), widget=forms.Textarea(attrs={"rows": 3})
    )


class VisitForm(StepForm):
    method = forms.ChoiceField(label=_("How"), choices=[("", "—"), *VisitMethod.choices])
    view = forms.CharField(label=_("The applicant's view"), widget=forms.Textarea(attrs={"rows": 3}))


FORMS: dict[str, type[StepForm]] = {
    "answer": AnswerForm,
    "record_visit": VisitForm,
    "accept": StepForm,
    "return": ReturnForm,
}
assert set(FORMS) == set(ACTIONS), "one form per step"


def step_form(action: str, data: Any = None) -> StepForm:
    return FORMS[action](data, prefix=action)
