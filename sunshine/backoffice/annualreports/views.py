"""Back-office pages of the annual report: the year's reports with their deadlines, one report with its
live tables, narrative and sign-off, and the import of requests handled before the platform."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.annualreports.actions import EDITABLE, EDITOR_ROLES, WORKFLOW
from sunshine.annualreports.deadlines import deadline_state, report_due
from sunshine.annualreports.history import COLUMNS, IMPORT_ROLES, ImportResult, import_history
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.annualreports.printed import printed_tables
from sunshine.annualreports.report import compute_report
from sunshine.annualreports.selectors import (
    frozen_report,
    get_report_agency_for_staff,
    may_act,
    report_agencies_for,
)
from sunshine.annualreports.services import (
    ReportActionError,
    allowed_actions,
    open_draft,
    take_action,
    update_draft,
)
from sunshine.backoffice.annualreports.forms import ActionForm, DraftForm, derive_licensing
from sunshine.cases.statistics import licensing_decisions

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class HistoryUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV in UTF-8, or XLSX)"),
        help_text=gettext_lazy("The first row names the columns."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = today.year - 1
    agencies = list(report_agencies_for(request.user).order_by("path")[:300])
    drafts = {
        d.agency_id: d
        for d in AnnualReportDraft.objects.filter(year=year, agency__in=agencies).select_related("record")
    }
    rows = [
        {
            "agency": agency,
            "draft": drafts.get(agency.pk),
            "record_url": _record_url(drafts.get(agency.pk)),
            "due": report_due(agency, year),
            "state": deadline_state(
                agency,
                year,
                today,
                published=agency.pk in drafts and drafts[agency.pk].status == ReportStatus.PUBLISHED,
            ),
        }
        for agency in agencies
    ]
    if not rows:
        raise PermissionDenied
    return render(request, "backoffice/annualreports/list.html", {"year": year, "rows": rows})


def _record_url(draft: AnnualReportDraft | None) -> str:
    """The public page of a published report's record ("" while there is none)."""
    if draft is None or draft.status != ReportStatus.PUBLISHED or draft.record is None:
        return ""
    return reverse("portal:record_detail", args=[draft.record.index_number])


@login_required
def report_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_report_agency_for_staff(request.user, code)
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if request.method == "POST" and "open" in request.POST:
        draft = open_draft(agency=agency, year=year, by=request.user)
        messages.success(request, _("The draft of %(year)s is open.") % {"year": year})
        return redirect("annualreports_staff:detail", code=code, year=year)
    can_edit = draft is not None and draft.status in EDITABLE and may_act(request.user, agency, EDITOR_ROLES)
    form = DraftForm(request.POST or None, instance=draft) if can_edit else None
    from_cases = licensing_decisions(agency, year, draft.scope if draft else "self")
    if form is not None and from_cases:
        derive_licensing(form, from_cases, year)
    if request.method == "POST" and form is not None and draft is not None and form.is_valid():
        try:
            update_draft(draft=draft, by=request.user, **form.cleaned_data)
        except ReportActionError as exc:
            _show_error(request, exc)
        else:
            messages.success(request, _("The draft is saved."))
        return redirect("annualreports_staff:detail", code=code, year=year)
    if draft is not None and draft.status == ReportStatus.PUBLISHED:
        report = frozen_report(draft)
    else:
        report = compute_report(agency, year, draft.scope if draft else "self").with_decisions(draft)
    return render(
        request,
        "backoffice/annualreports/detail.html",
        {
            "agency": agency,
            "year": year,
            "draft": draft,
            "form": form,
            "action_form": ActionForm(),
            "actions": [WORKFLOW.actions[name] for name in allowed_actions(draft, request.user)]
            if draft
            else [],
            "can_open": draft is None and may_act(request.user, agency, EDITOR_ROLES),
            "report": report,
            "due": report_due(agency, year),
            "state": deadline_state(
                agency,
                year,
                timezone.localdate(),
                draft is not None and draft.status == ReportStatus.PUBLISHED,
            ),
            **printed_tables(report),
        },
    )


@login_required
@require_POST
def report_action(request: HttpRequest, code: str, year: int, action: str) -> HttpResponse:
    agency = get_report_agency_for_staff(request.user, code)
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    form = ActionForm(request.POST)
    if draft is None or not form.is_valid():
        messages.error(request, _("Open the draft first."))
        return redirect("annualreports_staff:detail", code=code, year=year)
    try:
        take_action(draft=draft, action=action, by=request.user, comments=form.cleaned_data["comments"])
    except ReportActionError as exc:
        if exc.status == 403:
            raise
        _show_error(request, exc)
    else:
        draft.refresh_from_db()
        messages.success(
            request, _("The report is now “%(status)s”.") % {"status": draft.get_status_display()}
        )
    return redirect("annualreports_staff:detail", code=code, year=year)


def _show_error(request: HttpRequest, exc: ReportActionError) -> None:
    """The refusal as the person reads it: the message of each field in error (the comments, the
    action), or else the error's message."""
    for message in list(exc.fields.values()) or [exc.message]:
        messages.error(request, message)


@login_required
def import_history_page(request: HttpRequest) -> HttpResponse:
    agencies = report_agencies_for(request.user, roles=IMPORT_ROLES).order_by("path")
    if not agencies.exists():
        raise PermissionDenied
    result: ImportResult | None = None
    form = HistoryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_history(data=upload.read(), by=request.user, file_name=upload.name)
        if result.ok:
            form = HistoryUploadForm()
    return render(
        request,
        "backoffice/annualreports/import_history.html",
        {"form": form, "result": result, "columns": COLUMNS, "agencies": agencies[:200]},
    )
