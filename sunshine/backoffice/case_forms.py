"""One form per action on a service case (``cases.actions.ACTIONS``, the staff ones): the fields of
the action's input and the date of the step. The kernel's handlers check the rules; their messages
go beside the fields."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.cases.actions import STAFF_ACTIONS
from sunshine.cases.codes import Result
from sunshine.cases.models import Case
from sunshine.letters.selectors import extension_approvers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}))


def _choices(field: forms.Field) -> forms.ChoiceField:
    assert isinstance(field, forms.ChoiceField)
    return field


class CaseActionForm(forms.Form):
    """The date of the step; the subclasses add the action's own fields."""

    date = forms.DateField(
        label=_("Date of the step"), required=False, widget=DATE, help_text=_("Today when left empty.")
    )

    def __init__(self, *args: Any, case: Case, user: Any, **kwargs: Any) -> None:
        self.case, self.user = case, user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # the handlers say what is missing, in the user's language

    def inputs(self) -> dict[str, Any]:
        """The action's input for ``services.perform_action`` (without ``date``)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "", [])}

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        for key, message in fields.items():
            name = key.split(".", 1)[0]
            if name == "items" and "items" not in self.fields:
                name = "other"
            self.add_error(name if name in self.fields else None, message)


class ReasonForm(CaseActionForm):
    reason = _text(_("Reason"))


class NotifyMissingForm(CaseActionForm):
    materials = forms.MultipleChoiceField(
        label=_("Missing materials of the guide"), widget=forms.CheckboxSelectMultiple
    )
    other = _text(_("Other missing items or corrections"), rows=4)
    other.help_text = _("One item a line. List everything that is missing at once: the notice is sent once.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        materials = list(self.case.version.materials.all())
        self.material_keys = [m.key for m in materials]
        _choices(self.fields["materials"]).choices = [(m.key, m.name) for m in materials]
        other = self.fields.pop("other")
        for m in materials:  # the applicant reads each reason beside the material on the case page
            self.fields[f"reason_{m.key}"] = forms.CharField(
                label=gettext("Why “%(name)s” is missing") % {"name": m.name},
                required=False,
                max_length=500,
                help_text=_("Optional. A reason here marks the material missing too."),
            )
        self.fields["other"] = other

    def inputs(self) -> dict[str, Any]:
        ticked = set(self.cleaned_data.get("materials") or [])
        keys = [
            {"material": key, "reason": str(self.cleaned_data.get(f"reason_{key}") or "").strip()}
            for key in self.material_keys
            if key in ticked or str(self.cleaned_data.get(f"reason_{key}") or "").strip()
        ]
        lines = [line.strip() for line in str(self.cleaned_data.get("other") or "").splitlines()]
        return {"items": [*keys, *(line for line in lines if line)]}


class CompleteStepForm(CaseActionForm):
    step = forms.ChoiceField(label=_("Step of the guide"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        done = set(self.case.steps_done.values_list("step", flat=True))
        _choices(self.fields["step"]).choices = [
            ("", _("Choose a step")),
            *((s.key, s.name) for s in self.case.version.steps.all() if s.key not in done),
        ]


class ExtendForm(CaseActionForm):
    working_days = forms.IntegerField(label=_("Working days"), help_text=_("At most 10, once."))
    reason = _text(_("Reason"))
    approved_by = forms.ChoiceField(label=_("Approved by"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = extension_approvers(self.case.agency).order_by("username")
        _choices(self.fields["approved_by"]).choices = [
            ("", _("Myself")),
            *((u.get_username(), u.get_username()) for u in people),
        ]


class DecideForm(CaseActionForm):
    result = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=Result.choices)
    reasons = _text(_("Reasons"), rows=6)
    reasons.help_text = _("Required when the licence is denied (行政许可法 Art. 38).")


FORMS: dict[str, type[CaseActionForm]] = {
    "accept": CaseActionForm,
    "refuse": ReasonForm,
    "notify_missing": NotifyMissingForm,
    "receive_missing": CaseActionForm,
    "complete_step": CompleteStepForm,
    "suspend": ReasonForm,
    "resume": CaseActionForm,
    "extend": ExtendForm,
    "decide": DecideForm,
    "deliver": CaseActionForm,
}
assert set(FORMS) == set(STAFF_ACTIONS), "one form per staff action"


def action_form(action: str, case: Case, user: Any, data: Any = None) -> CaseActionForm:
    return FORMS[action](data, case=case, user=user, prefix=action)


def step_date(form: CaseActionForm) -> datetime.date | None:
    value = form.cleaned_data.get("date")
    return value if isinstance(value, datetime.date) else None
