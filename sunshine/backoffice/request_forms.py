"""Forms of the back office's request pages: queue filters, registration, actions, reviews, assignment.

The action forms carry the API's field names (``date``, ``items``, ``reasons`` …) so that the page and
the JSON API speak the same language; the rules themselves stay in the services.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.inforequests.codes import (
    REPLY_OUTCOMES,
    ApplicantKind,
    Channel,
    ConsultationParty,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    IdType,
    Outcome,
    ReviewKind,
    ReviewResult,
    Status,
)
from sunshine.inforequests.law import MAX_CORRECTION_PERIOD, MAX_EXTENSION_WORKING_DAYS
from sunshine.inforequests.queue_filters import (
    AGENCY_MAX_LENGTH,
    ALL_STATUSES,
    TEXT_MAX_LENGTH,
    QueueFilter,
    QueueFilterErrors,
)

MAX_AGENCY_CHOICES = 300  # beyond this, the agency filter is a code to type instead of a list
STATE_CHOICES = [
    ("on_time", _("On time")),
    ("due_soon", _("Due soon")),
    ("overdue", _("Overdue")),
    ("paused", _("Paused")),
]


def _date_field(label: Any, *, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a real date as YYYY-MM-DD.")},
        **kwargs,
    )


def agency_choices(agencies: QuerySet[Agency]) -> list[tuple[str, str]]:
    return [(a.code, f"{a.display_name} ({a.code})") for a in agencies.order_by("path", "sort_order")]


class QueueFilterForm(forms.Form):
    """The queue's filters drawn as a form. The values are read by ``QueueFilter.from_params``, the
    one definition the export and the API read them with too: the form only shows the fields and
    their errors. ``filter`` is what the list shows: the filter without the parameters in error."""

    agency = forms.CharField(label=_("Agency"), required=False, max_length=AGENCY_MAX_LENGTH)
    status = forms.ChoiceField(label=_("Status"), required=False)
    state = forms.ChoiceField(label=_("Clock"), required=False, choices=[("", _("Any")), *STATE_CHOICES])
    received_from = _date_field(_("Received from"))
    received_to = _date_field(_("Received to"))
    assigned = forms.ChoiceField(
        label=_("Assigned officer"),
        required=False,
        choices=[("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody yet"))],
    )
    q = forms.CharField(
        label=_("Search"),
        help_text=_("Tracking code, or words of the name or description of the information."),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        self.filter = QueueFilter()
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        choices: list[tuple[str, Any]] = [("", _("Open requests")), (ALL_STATUSES, _("All requests"))]
        status.choices = [*choices, *Status.choices]
        if agencies.count() <= MAX_AGENCY_CHOICES:
            self.fields["agency"].widget = forms.Select(
                choices=[("", _("All your agencies")), *agency_choices(agencies)]
            )
        else:
            self.fields["agency"].help_text = _("The agency's code, for example YG-JYJ.")

    def full_clean(self) -> None:
        self._errors = ErrorDict()
        self.cleaned_data = {}
        if not self.is_bound:
            return
        parsed = QueueFilter.from_params(self.data, agencies=self.agencies)
        if isinstance(parsed, QueueFilterErrors):
            for name, error in parsed.fields.items():
                if name in self.fields:
                    self.add_error(name, forms.ValidationError(error.message, code=error.code))
                else:  # a parameter of the API the form has no field for (open)
                    self.add_error(None, forms.ValidationError(f"{name}: {error.message}", code=error.code))
            parsed = parsed.valid
        self.filter = parsed
        self.cleaned_data = parsed.to_params()
        if parsed.all_statuses and self.data.get("status") != ALL_STATUSES:
            # open=false (the API's name) shows as "All requests", and the form sends it on so.
            self.data = {**dict(self.data.items()), "status": ALL_STATUSES}


class RegisterForm(forms.Form):
    """A request received in person, by post or by fax, entered by staff (条例 Art. 29)."""

    agency = forms.ChoiceField(label=_("Agency"))
    channel = forms.ChoiceField(
        label=_("How it was received"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    received_on = _date_field(
        _("Day of receipt"),
        required=True,
        help_text=_("The day the application reached the agency; the reply period counts from it."),
    )
    applicant_kind = forms.ChoiceField(label=_("Type of applicant"), choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label=_("Name of the applicant"), max_length=200)
    applicant_id_type = forms.ChoiceField(label=_("Identity document"), choices=IdType.choices)
    applicant_id_number = forms.CharField(label=_("Identity document number"), max_length=50)
    applicant_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    applicant_email = forms.CharField(
        label=_("E-mail"), max_length=254, required=False, widget=forms.EmailInput
    )
    applicant_address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    title = forms.CharField(label=_("Name of the information"), max_length=300, required=False)
    document_number = forms.CharField(
        label=_("Document number of the information"), max_length=100, required=False
    )
    description = forms.CharField(
        label=_("Description of the information"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("As the applicant wrote it: what the information is about, period, issuing body."),
    )
    delivery_form = forms.ChoiceField(
        label=_("Form"), choices=DeliveryForm.choices, widget=forms.RadioSelect, initial=DeliveryForm.PAPER
    )
    delivery_method = forms.ChoiceField(
        label=_("Way of delivery"), choices=DeliveryMethod.choices, initial=DeliveryMethod.POST
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = agency_choices(agencies.filter(is_active=True))
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        empty: list[tuple[str, Any]] = [("", _("Choose the agency"))]
        agency.choices = choices if len(choices) == 1 else [*empty, *choices]
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            self.initial.setdefault("token", uuid.uuid4().hex)

    def clean_received_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


# --- Actions ------------------------------------------------------------------------------------


class OfficerChoiceField(forms.ModelChoiceField):
    """A person, shown by name and user name."""

    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else str(obj.get_username())


class ActionForm(forms.Form):
    """The date of an action: today unless given, never in the future (checked by the service)."""

    date = _date_field(_("Date"), help_text=_("Leave as it is for today."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def service_fields(self) -> dict[str, Any]:
        """The keyword arguments of ``perform_action`` besides ``date``."""
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "")}


class RequestCorrectionForm(ActionForm):
    items = forms.CharField(
        label=_("What must be corrected"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line. The notice lists them all at once (条例 Art. 30)."),
    )
    period_working_days = forms.IntegerField(
        label=_("Period for the correction (working days)"),
        min_value=1,
        max_value=MAX_CORRECTION_PERIOD,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number of working days.")},
    )

    def clean_items(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines()]
        return [line for line in lines if line]


class StartConsultationForm(ActionForm):
    party = forms.ChoiceField(
        label=_("Consulted party"), choices=ConsultationParty.choices, widget=forms.RadioSelect
    )


class ExtendForm(ActionForm):
    working_days = forms.IntegerField(
        label=_("Extension (working days)"),
        min_value=1,
        max_value=MAX_EXTENSION_WORKING_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number of working days.")},
        help_text=_("At most 20 working days, once (条例 Art. 33)."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    approver = OfficerChoiceField(
        label=_("Approved by"),
        queryset=None,
        required=False,
        empty_label=_("Choose the approver"),
        help_text=_("A signer of the agency or its disclosure office, who agreed to it (条例 Art. 33)."),
    )
    approved_by = forms.CharField(
        label=_("Approver's name and title as shown"),
        max_length=100,
        required=False,
        help_text=_(
            "Optional, for example 王主任 (head of the disclosure office). "
            "Leave empty for the approver's name."
        ),
    )

    def __init__(
        self, *args: Any, approvers: QuerySet[Any] | None = None, me: Any = None, **kwargs: Any
    ) -> None:
        """``approvers``: who may approve (a choice); ``me``: the person acting, if they may approve
        themselves (then the choice may stay empty and defaults to them)."""
        super().__init__(*args, **kwargs)
        field = self.fields["approver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = approvers if approvers is not None else get_user_model().objects.none()
        if me is None:
            field.required = True
        else:
            field.empty_label = _("Me")
            field.help_text = _("Leave as it is if you approve it yourself; otherwise choose the approver.")

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        if fields.get("approver") is not None:
            fields["approver"] = fields["approver"].pk
        return fields


def reply_outcome_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("Choose the outcome")),
        *((v, label) for v, label in Outcome.choices if v in REPLY_OUTCOMES),
    ]


class ReplyForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=reply_outcome_choices)
    reasons = forms.CharField(
        label=_("Reasons and legal basis"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required unless the information is disclosed in full."),
    )
    detail = forms.CharField(
        label=_("Further detail (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example how and when the information was handed over. Kept with the reply."),
    )

    def service_fields(self) -> dict[str, Any]:
        fields = {"outcome": self.cleaned_data["outcome"], "reasons": self.cleaned_data["reasons"]}
        detail = self.cleaned_data["detail"].strip()
        fields["detail"] = {"note": detail} if detail else {}
        return fields


class NotifyFeeForm(ActionForm):
    method = forms.ChoiceField(label=_("Fee method"), choices=FeeMethod.choices, widget=forms.RadioSelect)
    pages = forms.IntegerField(
        label=_("Pages"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number of pages.")},
        help_text=_("Only for a fee per page."),
    )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "confirm_receipt": ActionForm,
    "request_correction": RequestCorrectionForm,
    "receive_correction": ActionForm,
    "correction_overdue": ActionForm,
    "start_consultation": StartConsultationForm,
    "end_consultation": ActionForm,
    "extend": ExtendForm,
    "reply": ReplyForm,
    "withdraw": ActionForm,
    "notify_fee": NotifyFeeForm,
    "record_fee_payment": ActionForm,
    "fee_unpaid": ActionForm,
    "decline_fee": ActionForm,
}


def action_form(action: str, data: Any = None, **extra: Any) -> ActionForm:
    """The form of ``action`` (the date alone for actions without fields); its ids are prefixed
    with the action, as several forms share a page. ``extra`` goes to the forms that take it
    (the extension: ``approvers`` and ``me``)."""
    form_class = ACTION_FORMS[action]
    if form_class is not ExtendForm:
        extra = {}
    return form_class(data, auto_id=f"id_{action}_%s", **extra)


# --- Reviews and assignment ---------------------------------------------------------------------


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    filed_on = _date_field(_("Filed on"), required=True)
    result = forms.ChoiceField(label=_("Result"), choices=ReviewResult.choices, initial=ReviewResult.PENDING)
    decided_on = _date_field(_("Decided on"), help_text=_("Leave empty while the case is pending."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_review_%s")
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    officer = OfficerChoiceField(
        label=_("Officer handling the request"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
    )

    def __init__(self, *args: Any, officers: QuerySet[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_assign_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = officers
