"""The forms of the new-media pages. They only carry the input: the services check the rules and
their messages go beside the fields."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.inspections.forms import DATE, ServiceErrors
from sunshine.newmedia.codes import Platform
from sunshine.newmedia.models import Account
from sunshine.newmedia.services import AccountInput


class AccountForm(ServiceErrors, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices, required=False)
    name = forms.CharField(label=_("Account name"), max_length=100, required=False)
    account_id = forms.CharField(
        label=_("Account id"),
        max_length=100,
        required=False,
        help_text=_("The account's id on the platform (微信号, 微博 uid …)."),
    )
    public_url = forms.CharField(
        label=_("Public address"),
        max_length=500,
        required=False,
        help_text=_(
            "The account's public page (profile link, home page); its QR code is shown on the portal."
        ),
    )
    operating_unit = forms.CharField(label=_("Operating unit"), max_length=200, required=False)
    manager_name = forms.CharField(
        label=_("Person in charge"),
        max_length=60,
        required=False,
        help_text=_("Kept internal: never shown to the public."),
    )
    manager_phone = forms.CharField(label=_("Phone of the person in charge"), max_length=40, required=False)
    approval_date = forms.DateField(label=_("Date of the opening approval"), required=False, widget=DATE)
    approval_number = forms.CharField(
        label=_("Document number of the opening approval"), max_length=100, required=False
    )
    opened_on = forms.DateField(
        label=_("Opened on"),
        required=False,
        widget=DATE,
        help_text=_("The approval's date, or today, when left empty."),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            field: Any = self.fields["agency"]
            field.queryset = agencies.order_by("path", "sort_order")

    @classmethod
    def of(cls, account: Account) -> AccountForm:
        names = list(AccountInput.__dataclass_fields__)
        return cls(initial={name: getattr(account, name) for name in names})

    def account_input(self) -> AccountInput:
        data = self.cleaned_data
        return AccountInput(
            **{name: data.get(name) or _empty(name) for name in AccountInput.__dataclass_fields__}
        )


def _empty(name: str) -> Any:
    return None if name in ("approval_date", "opened_on") else ""


class StepForm(ServiceErrors, forms.Form):
    date = forms.DateField(
        label=_("Date of the step"), required=False, widget=DATE, help_text=_("Today when left empty.")
    )

    def inputs(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "")}

    def step_date(self) -> datetime.date | None:
        value = self.cleaned_data.get("date")
        return value if isinstance(value, datetime.date) else None


class ClosingForm(StepForm):
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CloseForm(StepForm):
    document_number = forms.CharField(
        label=_("Document number of the approval"), max_length=100, required=False
    )


class MergeForm(CloseForm):
    into = forms.TypedChoiceField(label=_("Merged into"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, targets: QuerySet[Account] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["into"]
        field.choices = [
            ("", "—"),
            *((a.pk, f"{a.get_platform_display()} · {a.name}") for a in targets or []),
        ]


class ResumeForm(StepForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


STEP_FORMS: dict[str, type[StepForm]] = {
    "start_closing": ClosingForm,
    "close": CloseForm,
    "merge": MergeForm,
    "resume": ResumeForm,
}


def step_form(action: str, data: Any = None, *, targets: QuerySet[Account] | None = None) -> StepForm:
    if action == "merge":
        return MergeForm(data, prefix=action, targets=targets)
    return STEP_FORMS[action](data, prefix=action)


class PostForm(ServiceErrors, forms.Form):
    title = forms.CharField(label=_("Title of the post"), max_length=300, required=False)
    posted_on = forms.DateField(label=_("Posted on"), required=False, widget=DATE)
    url = forms.CharField(label=_("Post address"), max_length=500, required=False)


class MessagesForm(ServiceErrors, forms.Form):
    unanswered = forms.IntegerField(label=_("Messages unanswered"), min_value=0, required=False)


class QueueForm(forms.Form):
    accounts = forms.ModelMultipleChoiceField(
        label=_("Accounts"),
        queryset=Account.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, accounts: QuerySet[Account], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["accounts"]
        field.queryset = accounts
        field.label_from_instance = lambda a: f"{a.get_platform_display()} · {a.name}"
