"""Imports from a page (/staff/import/, administrators): upload → dry-run report → confirm → the run in
the background with its progress → its report; and the invitation's page to set a password
(/staff/welcome/…/), open to the invited person without signing in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from sunshine.backoffice.onboarding.forms import ImportUploadForm
from sunshine.core.request_context import site_url
from sunshine.onboarding import services
from sunshine.onboarding.agencies import AgencyImporter
from sunshine.onboarding.models import ImportJob
from sunshine.onboarding.records import RecordImporter
from sunshine.onboarding.report import csv_bytes, report_lines
from sunshine.onboarding.selectors import get_job_for, jobs_for
from sunshine.onboarding.staff import StaffImporter

REPORT_LINES_SHOWN = 1000
REFRESH_SECONDS = 3


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for(request.user)  # PermissionDenied → 403 for people who may not import
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        options = {"reinvite": form.cleaned_data["reinvite"], "base_url": site_url() or ""}
        archive = None
        if form.cleaned_data["kind"] == ImportJob.Kind.RECORDS:
            options = {
                "category_map": form.cleaned_data["category_map"],
                "publish_with_findings": form.cleaned_data["publish_with_findings"],
            }
            archive = form.cleaned_data["archive"]
        try:
            job = services.check_upload(
                by=_person(request),
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                file_name=upload.name,
                options=options,
                archive=archive.file if archive is not None else None,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("onboarding:job", pk=job.pk)
    context = {
        "form": form,
        "jobs": jobs[:20],
        "kinds": [
            (ImportJob.Kind.AGENCIES.label, AgencyImporter.columns),
            (ImportJob.Kind.STAFF.label, StaffImporter.columns),
            (ImportJob.Kind.RECORDS.label, RecordImporter.columns),
        ],
    }
    return render(request, "backoffice/onboarding/upload.html", context)


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_job_for(request.user, pk)
    lines = list(report_lines(found.results))
    context = {
        "job": found,
        "lines": lines[:REPORT_LINES_SHOWN],
        "lines_cut": max(len(lines) - REPORT_LINES_SHOWN, 0),
        "refresh": REFRESH_SECONDS if found.is_active else None,
        "notes": found.options.get("notes", []),
        "may_confirm": found.status == ImportJob.Status.CHECKED and found.created_by_id == request.user.pk,
    }
    return render(request, "backoffice/onboarding/job.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_job_for(request.user, pk)
    try:
        services.confirm(by=_person(request), job=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("onboarding:job", pk=pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_job_for(request.user, pk)
    try:
        services.cancel(by=_person(request), job=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("onboarding:job", pk=pk)
    return redirect("onboarding:upload")


@login_required
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_job_for(request.user, pk)
    response = HttpResponse(csv_bytes(found.results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{found.pk}-report.csv"'
    return response


def _person(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # behind login_required
    return request.user


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation's link: the person chooses a password, then signs in."""

    template_name = "backoffice/onboarding/welcome.html"
    success_url = reverse_lazy("onboarding:welcome_done")


class WelcomeDoneView(auth_views.PasswordResetCompleteView):
    template_name = "backoffice/onboarding/welcome_done.html"
