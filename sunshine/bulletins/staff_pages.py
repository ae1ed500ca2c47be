"""The bulletin's staff pages, under /staff/bulletins/ (namespace ``bulletins_staff``): the list of
issues, a new issue, an issue's page (its contents with up/down and remove buttons, published records
to pick with a section, the preview PDF, publication). Thin views over ``bulletins.services``; only
the disclosure office reaches them (403 for anyone else, 404 for another tree's issue)."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import subtree_of
from sunshine.bulletins import selectors, services
from sunshine.bulletins.downloads import pdf_response
from sunshine.bulletins.models import Issue
from sunshine.core.workflow import WorkflowError
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.records.catalogue import walk
from sunshine.records.models import Record

FILTER_KEYS = ("q", "agency", "category", "from", "to")


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


class IssueForm(forms.Form):
    agency = AgencyChoice(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=gettext_lazy("Number within the year"), min_value=1, max_value=services.MAX_NUMBER
    )
    published_on = forms.DateField(
        label=gettext_lazy("Publication date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=services.TITLE_MAX,
        required=False,
        help_text=gettext_lazy("Left empty: the agency's name with 公报, the year and the number."),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, AgencyChoice)
        field.queryset = agencies


def _compiler(request: HttpRequest) -> None:
    if not selectors.works_on_bulletins(request.user):
        raise PermissionDenied


@login_required
@require_GET
def issue_list(request: HttpRequest) -> HttpResponse:
    _compiler(request)
    return render(
        request, "bulletins/staff/list.html", {"issues": selectors.issues_for_staff(request.user)[:200]}
    )


@login_required
def issue_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.compiling_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    today = timezone.localdate()
    initial = {
        "agency": agencies.first(),
        "year": today.year,
        "number": selectors.next_number(today.year),
        "published_on": today,
    }
    form = IssueForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.create_issue(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            for name, message in exc.fields.items():
                form.add_error(name if name in form.fields else None, message)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("The issue was saved as a draft: add its records."))
            return redirect("bulletins_staff:issue", issue_id=issue.pk)
    status = 422 if form.errors else 200
    return render(request, "bulletins/staff/form.html", {"form": form}, status=status)


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def _filters(data: Any) -> selectors.RecordFilter:
    return selectors.RecordFilter(
        q=(data.get("q") or "").strip()[:100],
        agency=(data.get("agency") or "").strip()[:40],
        category=(data.get("category") or "").strip()[:50],
        start=_day(data.get("from")),
        end=_day(data.get("to")),
    )


def _query(data: Any) -> str:
    """The record search of the page, to come back to after a step."""
    return urlencode({key: data.get(key) for key in FILTER_KEYS if data.get(key)})


def _render_issue(
    request: HttpRequest, issue: Issue, *, problem: str = "", status: int = 200
) -> HttpResponse:
    entries = selectors.entries_of(issue)
    searched = any(request.GET.get(key) for key in FILTER_KEYS)
    candidates = []
    if searched and not issue.is_published:
        found = selectors.candidate_records(issue, _filters(request.GET))
        candidates = [(revision, selectors.suggested_section(issue, revision)) for revision in found]
    context = {
        "issue": issue,
        "sections": selectors.sections_of(entries),
        "entries": entries,
        "gone": [] if issue.is_published else services.current_items(issue)[1],
        "candidates": candidates,
        "searched": searched,
        "filters": request.GET,
        "filter_fields": [(key, request.GET[key]) for key in FILTER_KEYS if request.GET.get(key)],
        "agencies": subtree_of(issue.agency).filter(is_active=True).order_by("path"),
        "categories": [(category.key, category.name, parent) for category, parent in walk()],
        "section_choices": selectors.SECTIONS,
        "problem": problem,
    }
    return render(request, "bulletins/staff/issue.html", context, status=status)


@login_required
@require_GET
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _render_issue(request, selectors.get_issue_for_staff(request.user, issue_id))


def _back(issue: Issue, request: HttpRequest) -> HttpResponse:
    url = reverse("bulletins_staff:issue", args=[issue.pk])
    query = _query(request.POST)
    return redirect(f"{url}?{query}" if query else url)


def _refused(request: HttpRequest, issue_id: int, exc: WorkflowError) -> HttpResponse:
    if exc.status == 403:
        raise exc
    issue = selectors.get_issue_for_staff(request.user, issue_id)
    message = " ".join(exc.fields.values()) if exc.fields else exc.message
    return _render_issue(request, issue, problem=message, status=exc.status)


@login_required
@require_POST
def entry_add(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.get_issue_for_staff(request.user, issue_id)
    record_id = request.POST.get("record", "")
    record = Record.objects.filter(pk=int(record_id)).first() if record_id.isdigit() else None
    if record is None:
        raise Http404("record")
    try:
        services.add_entry(
            issue=issue, by=request.user, record=record, section=request.POST.get("section", "")
        )
    except WorkflowError as exc:
        return _refused(request, issue_id, exc)
    messages.success(request, _("The record was added to the issue."))
    return _back(issue, request)


@login_required
@require_POST
def entry_action(request: HttpRequest, issue_id: int, entry_id: int, action: str) -> HttpResponse:
    """``up``, ``down`` or ``remove`` one entry of the contents."""
    issue = selectors.get_issue_for_staff(request.user, issue_id)
    entry = issue.entries.filter(pk=entry_id).first()
    if entry is None or action not in ("up", "down", "remove"):
        raise Http404(entry_id)
    try:
        if action == "remove":
            services.remove_entry(entry=entry, by=request.user)
            messages.success(request, _("The record was removed from the issue."))
        else:
            services.move_entry(entry=entry, by=request.user, direction=action)
    except WorkflowError as exc:
        return _refused(request, issue_id, exc)
    return _back(issue, request)


@login_required
@require_POST
def issue_publish(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.get_issue_for_staff(request.user, issue_id)
    try:
        issue = services.publish_issue(issue=issue, by=request.user)
    except WorkflowError as exc:
        return _refused(request, issue_id, exc)
    messages.success(request, _("The issue is published with its PDF; it can no longer be changed."))
    return redirect("bulletins_staff:issue", issue_id=issue.pk)


@login_required
@require_GET
def issue_pdf(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The preview of a draft (made now, not kept), or the stored PDF of a published issue."""
    issue = selectors.get_issue_for_staff(request.user, issue_id)
    if issue.is_published:
        return pdf_response(issue, private=True)
    try:
        content = services.preview(issue)
    except FontNotFound as exc:
        return _render_issue(request, issue, problem=str(exc), status=409)
    return pdf_response(issue, private=True, content=content)
