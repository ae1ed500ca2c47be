"""Back-office pages of open days, under /staff/open-days/ (namespace ``open_days_staff``): the list
of one's agencies' open days, writing one, its page (publish, cancel, mark held, the report as a
record draft), its registrations with the contact data (staff only) and their CSV export. Thin views
over ``opendays.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.backoffice.request_exports import csv_lines
from sunshine.backoffice.requests import staff_agencies
from sunshine.core import audit
from sunshine.core.workflow import WorkflowError
from sunshine.opendays import selectors, services
from sunshine.opendays.models import Event, EventStatus
from sunshine.records.models import Category

LIST_LIMIT = 200
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


class EventForm(forms.Form):
    agency = AgencyChoice(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    title = forms.CharField(label=gettext_lazy("Title"), max_length=services.TITLE_MAX)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends at"), widget=DATETIME)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=services.PLACE_MAX)
    capacity = forms.IntegerField(label=gettext_lazy("Places (people)"), min_value=1)
    registration_opens_at = forms.DateTimeField(label=gettext_lazy("Registration opens"), widget=DATETIME)
    registration_closes_at = forms.DateTimeField(label=gettext_lazy("Registration closes"), widget=DATETIME)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, AgencyChoice)
        field.queryset = agencies


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


class ReportForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the report"), max_length=300)
    category = CategoryChoice(
        label=gettext_lazy("Category of the catalogue"), queryset=Category.objects.none()
    )
    body = forms.CharField(label=gettext_lazy("Report"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "report")
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, CategoryChoice)
        field.queryset = Category.objects.filter(agency=agency, is_active=True).order_by("sort_order", "pk")


def _put_errors(form: forms.Form, exc: WorkflowError) -> None:
    for name, message in exc.fields.items():
        form.add_error(name if name in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, exc.message)


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    staff_agencies(request)  # 403 without an agency
    events = selectors.events_for_staff(request.user).order_by("-starts_at", "-pk")[:LIST_LIMIT]
    context = {"events": events, "may_write": selectors.managed_agencies(request.user).exists()}
    return render(request, "backoffice/open_days/list.html", context)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.managed_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The open day was saved as a draft."))
            return redirect("open_days_staff:event", event_id=event.pk)
    status = 422 if form.errors else 200
    return render(request, "backoffice/open_days/form.html", {"form": form}, status=status)


def _render_event(
    request: HttpRequest,
    event: Event,
    *,
    report_form: ReportForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    manages = selectors.may_manage(request.user, event.agency)
    if report_form is None and manages and event.status == EventStatus.HELD and event.report_id is None:
        report_form = ReportForm(agency=event.agency, initial={"title": event.title})
    context = {
        "event": event,
        "manages": manages,
        "registrations": event.registrations.order_by("status", "created_at", "id"),
        "places_taken": selectors.places_taken(event),
        "report_form": report_form,
        "problem": problem,
        "started": event.starts_at <= timezone.now(),
    }
    return render(request, "backoffice/open_days/event.html", context, status=status)


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    return _render_event(request, selectors.get_event_for_staff(request.user, event_id))


@login_required
@require_POST
def event_action(request: HttpRequest, event_id: int, action: str) -> HttpResponse:
    """``publish``, ``cancel`` (with a ``reason``), ``held``, ``report`` (the report's form)."""
    event = selectors.get_event_for_staff(request.user, event_id)
    try:
        if action == "publish":
            services.publish_event(event=event, by=request.user)
            done = _("The open day is published.")
        elif action == "cancel":
            services.cancel_event(event=event, by=request.user, reason=request.POST.get("reason", ""))
            done = _("The open day is cancelled; the people registered are told by e-mail.")
        elif action == "held":
            services.mark_held(event=event, by=request.user)
            done = _("The open day is marked held: write its report.")
        elif action == "report":
            form = ReportForm(request.POST, agency=event.agency)
            if not form.is_valid():
                return _render_event(request, event, report_form=form, status=422)
            try:
                event = services.write_report(event=event, by=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                if exc.status != 422:
                    raise
                _put_errors(form, exc)
                return _render_event(request, event, report_form=form, status=422)
            messages.success(
                request,
                _("The report was saved as a record draft: it is reviewed and published like any record."),
            )
            return redirect("records:edit", pk=event.report_id)
        else:
            raise Http404(action)
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        event = selectors.get_event_for_staff(request.user, event_id)
        message = " ".join(exc.fields.values()) if exc.fields else exc.message
        return _render_event(request, event, problem=message, status=exc.status)
    messages.success(request, done)
    return redirect("open_days_staff:event", event_id=event.pk)


@login_required
def export_csv(request: HttpRequest, event_id: int) -> StreamingHttpResponse:
    """The registrations with their contact data, for the agency's staff; the export is audited."""
    event = selectors.get_event_for_staff(request.user, event_id)
    registrations = list(event.registrations.order_by("created_at", "id"))
    audit.record(
        actor=request.user,
        action="opendays.export",
        obj=event,
        after={"rows": len(registrations), "format": "csv"},
        agency=event.agency,
    )
    header = [
        _("Number"),
        _("Name"),
        _("Phone"),
        _("E-mail"),
        _("Number of people"),
        _("Status"),
        _("Registered at"),
    ]
    rows = (
        [
            r.pk,
            r.name,
            r.phone,
            r.email,
            r.people,
            r.get_status_display(),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in registrations
    )
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="open-day-{event.pk}-registrations.csv"'
    return response
