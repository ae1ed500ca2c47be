"""Forms of the back-office record pages. They carry the API's field names; the rules stay in the
services, whose field errors are put back beside the fields."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.records import catalogue
from sunshine.records.actions import ACTIONS
from sunshine.records.codes import ChecklistItem, Genre, Status, Validity
from sunshine.records.models import Category, Record, Topic

TIMELINESS_CHOICES = [
    ("", _("Any")),
    ("due_soon", _("Due soon")),
    ("overdue", _("Overdue, not published")),
    ("late", _("Published late")),
]


def _date_field(label: Any, *, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a real date as YYYY-MM-DD."), "required": _("Give the date.")},
        **kwargs,
    )


def agency_choices(agencies: QuerySet[Agency]) -> list[tuple[str, str]]:
    return [(a.code, f"{'· ' * a.depth}{a.display_name}") for a in agencies]


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Words of the title, document number or index number."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])
    category = forms.ChoiceField(label=_("Category"), required=False)
    timeliness = forms.ChoiceField(label=_("Deadline"), required=False, choices=TIMELINESS_CHOICES)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field: Any = self.fields["agency"]
        agency_field.choices = [("", _("All my agencies")), *agency_choices(agencies)]
        category_field: Any = self.fields["category"]
        category_field.choices = [
            ("", _("Any")),
            *((c.key, ("· " if parent else "") + c.name) for c, parent in catalogue.walk()),
        ]


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}" if obj.parent_id else obj.name


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.code})"


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return ("· " if obj.parent_id else "") + obj.display_name


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    category = CategoryChoiceField(label=_("Catalogue category"), queryset=Category.objects.none())
    genre = forms.ChoiceField(label=_("Genre"), choices=Genre.choices, initial=Genre.NOTICE)
    document_number = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=100,
        help_text=_("As printed on the document, e.g. 阳政办发〔2026〕12号."),
    )
    formation_date = _date_field(
        _("Date of formation"),
        help_text=_(
            "The date the document was signed or the information formed (成文日期); needed for review."
        ),
    )
    issuers = AgencyMultipleChoiceField(
        label=_("Issuing agencies"),
        queryset=Agency.objects.none(),
        help_text=_("Several for a joint document; the lead agency first in the document."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    topic = TopicChoiceField(label=_("Topic"), required=False, queryset=Topic.objects.none())
    keywords = forms.CharField(
        label=_("Keywords"), required=False, max_length=300, help_text=_("Separate them with commas.")
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Paste the text: one paragraph per line. Simple HTML (paragraphs, tables, lists) is kept."
        ),
    )
    needs_interpretation = forms.BooleanField(
        label=_("This policy document needs a policy interpretation (政策解读)"), required=False
    )
    interprets = forms.CharField(
        label=_("Interprets the policy document"),
        required=False,
        max_length=64,
        help_text=_("For a policy interpretation: the index number of the document it explains."),
    )
    change_note = forms.CharField(label=_("What changed in this revision"), required=False, max_length=300)
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("PDF, Word (DOCX), Excel (XLSX) or an image; more can be added afterwards."),
    )

    def __init__(self, *args: Any, agency: Agency, revision_number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        category_field: Any = self.fields["category"]
        category_field.queryset = Category.objects.filter(agency=agency, is_active=True).order_by(
            "sort_order", "pk"
        )
        # Joint documents come from the agency, the government above it, its neighbours and those below.
        near = Q(pk=agency.pk) | Q(parent=agency)
        if agency.parent_id is not None:
            near |= Q(pk=agency.parent_id) | Q(parent_id=agency.parent_id)
        chosen = self.initial.get("issuers") or []
        issuers_field: Any = self.fields["issuers"]
        issuers_field.queryset = Agency.objects.filter(near | Q(pk__in=chosen), is_active=True).order_by(
            "path", "sort_order"
        )
        topic_field: Any = self.fields["topic"]
        topic_field.queryset = Topic.objects.select_related("parent").order_by("code")
        if revision_number <= 1:
            del self.fields["change_note"]

    def clean_interprets(self) -> Record | None:
        number = self.cleaned_data["interprets"].strip()
        if not number:
            return None
        record = Record.objects.filter(index_number=number).first()
        if record is None:
            raise forms.ValidationError(_("No published record has this index number."))
        return record

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("attachment", None)
        data["issuers"] = list(data["issuers"])
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), or a PNG, JPEG or GIF image."),
        error_messages={"required": _("Choose a file."), "empty": _("The file is empty.")},
    )


class SubmitForm(forms.Form):
    acknowledge_findings = forms.BooleanField(
        label=_("Send it to review anyway: the reviewer decides on the findings"), required=False
    )
    comments = forms.CharField(
        label=_("Note to the reviewer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", ACTIONS["approve"].texts.button),
            ("return", ACTIONS["return"].texts.button),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or return.")},
    )
    checklist = forms.MultipleChoiceField(
        label=_("Confidentiality review checklist"),
        choices=ChecklistItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return the record: say what has to change."),
    )


class OverrideForm(forms.Form):
    """A reviewer's decision on one finding: let it stay (a reason is required) or mask it."""

    finding = forms.CharField(widget=forms.HiddenInput, max_length=64)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("keep", ACTIONS["override"].texts.button), ("mask", ACTIONS["mask"].texts.button)],
        initial="keep",
        required=False,
    )
    reason = forms.CharField(label=_("Why this may be published"), max_length=2000, required=False)

    def clean_decision(self) -> str:
        return self.cleaned_data.get("decision") or "keep"


class SignForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("sign", _("Sign off for publication")), ("return", ACTIONS["return"].texts.button)],
        widget=forms.RadioSelect,
        initial="sign",
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublishForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Publish now")), ("later", ACTIONS["schedule"].texts.button)],
        widget=forms.RadioSelect,
        initial="now",
    )
    at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Enter a date and time.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("when") == "later":
            at: datetime.datetime | None = data.get("at")
            if at is None:
                self.add_error("at", _("Give the date and time of publication."))
            elif at <= timezone.now():
                self.add_error("at", _("Choose a time in the future, or publish now."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the withdrawal.")},
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("Validity"), choices=Validity.choices)
    on = _date_field(_("From"))
    replaced_by = forms.CharField(
        label=_("Replaced by (index number)"), required=False, max_length=64, help_text=_("For “Revised”.")
    )

    def clean_replaced_by(self) -> Record | None:
        number = self.cleaned_data["replaced_by"].strip()
        if not number:
            return None
        record = Record.objects.filter(index_number=number).first()
        if record is None:
            raise forms.ValidationError(_("No published record has this index number."))
        return record


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name (Chinese)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    parent = CategoryChoiceField(
        label=_("Under"), required=False, queryset=Category.objects.none(), empty_label=_("Top level")
    )
    interval_days = forms.IntegerField(
        label=_("Expected update interval (days)"),
        required=False,
        min_value=1,
        max_value=3660,
        help_text=_("Empty when it is published as things happen."),
    )
    sort_order = forms.IntegerField(label=_("Sort order"), min_value=0, max_value=100000, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, agency: Agency, exclude: Category | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Category.objects.filter(agency=agency, parent__isnull=True).order_by("sort_order", "pk")
        if exclude is not None:
            parents = parents.exclude(pk=exclude.pk)
        parent_field: Any = self.fields["parent"]
        parent_field.queryset = parents
