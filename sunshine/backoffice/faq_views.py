"""Back-office pages of common questions, under /staff/faq/: the list of one's agencies' questions,
writing one, changing it, and the steps of review and publication (``sunshine.faq.actions``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff, roles_in
from sunshine.core.workflow import WorkflowError
from sunshine.faq import selectors, services
from sunshine.faq.actions import ACTIONS, DRAFTER_ROLES, EDITABLE, WORKFLOW
from sunshine.faq.models import Entry

LIST_LIMIT = 200
# The one text field a step asks for, by step.
STEP_FIELD = {"return": "comments", "withdraw": "reason"}


class EntryForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("Question"), max_length=services.QUESTION_MAX)
    answer = forms.CharField(
        label=gettext_lazy("Answer"), max_length=services.ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    category = forms.CharField(
        label=gettext_lazy("Category"), max_length=services.CATEGORY_MAX, required=False
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


class NewEntryForm(EntryForm):
    agency = AgencyChoice(label=gettext_lazy("Agency"), queryset=Agency.objects.none())

    field_order = ["agency", "question", "answer", "category", "valid_from", "valid_until"]

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, AgencyChoice)
        agency_field.queryset = agencies


def _put_errors(form: forms.Form, exc: WorkflowError) -> None:
    """The service's messages beside their fields (the others at the top)."""
    for name, message in exc.fields.items():
        form.add_error(name if name in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, exc.message)


def _writable_agencies(request: HttpRequest) -> Any:
    return agencies_for_staff(request.user, roles=DRAFTER_ROLES).filter(is_active=True).order_by("path")


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    entries = selectors.entries_for_staff(request.user).order_by("-updated_at", "-pk")[:LIST_LIMIT]
    context = {"entries": entries, "may_write": _writable_agencies(request).exists()}
    return render(request, "backoffice/faq/list.html", context)


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    agencies = _writable_agencies(request)
    if not agencies.exists():
        raise Http404("no agency to write for")
    form = NewEntryForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.create_entry(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The question was saved as a draft."))
            return redirect("faq_staff:detail", entry_id=entry.pk)
    status = 422 if form.errors else 200
    return render(request, "backoffice/faq/form.html", {"form": form}, status=status)


def _render_entry(
    request: HttpRequest, entry: Entry, form: EntryForm | None = None, error: str = "", status: int = 200
) -> HttpResponse:
    held = roles_in(request.user, entry.agency)
    editable = entry.status in EDITABLE and bool(held & DRAFTER_ROLES)
    if form is None and editable:
        form = EntryForm(initial={name: getattr(entry, name) for name in services.EDITABLE_FIELDS})
    steps = [
        {"name": name, "texts": ACTIONS[name].texts, "field": STEP_FIELD.get(name)}
        for name in WORKFLOW.for_roles(entry.status, held)
    ]
    context = {
        "entry": entry,
        "form": form if editable else None,
        "steps": steps,
        "error": error,
        "public": selectors.public_entries().filter(pk=entry.pk).exists(),
    }
    return render(request, "backoffice/faq/entry.html", context, status=status)


@login_required
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.get_entry_for_staff(request.user, entry_id)
    if request.method != "POST":
        return _render_entry(request, entry)
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            services.update_entry(entry=entry, by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            if exc.status == 422:
                _put_errors(form, exc)
            else:
                return _render_entry(request, entry, error=exc.message, status=exc.status)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("faq_staff:detail", entry_id=entry.pk)
    return _render_entry(request, entry, form, status=422)


@login_required
@require_POST
def entry_action(request: HttpRequest, entry_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404(action)
    entry = selectors.get_entry_for_staff(request.user, entry_id)
    field = STEP_FIELD.get(action)
    values = {field: request.POST.get(field, "").strip()} if field else {}
    try:
        services.take_action(entry=entry, action=action, by=request.user, input=values)
    except WorkflowError as exc:
        entry = selectors.get_entry_for_staff(request.user, entry_id)
        message = " ".join(exc.fields.values()) if exc.fields else exc.message
        return _render_entry(request, entry, error=message, status=exc.status)
    messages.success(request, str(ACTIONS[action].texts.history))
    return redirect("faq_staff:detail", entry_id=entry_id)
