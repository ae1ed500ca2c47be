"""The confidentiality review page (保密审查): the text and attachments with the privacy scan's findings
highlighted, a decision on each finding (let it stay with a reason, or mask it in the published copy)
and the checklist decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.backoffice.records.forms import OverrideForm, ReviewForm
from sunshine.backoffice.records.views import error_links, load, put_errors
from sunshine.core.workflow import WorkflowForbidden
from sunshine.records import findings, selectors, services
from sunshine.records.actions import ACTIONS, OVERRIDE_ROLES
from sunshine.records.codes import ChecklistItem, Status
from sunshine.records.models import Record, Revision


def _render(
    request: HttpRequest,
    record: Record,
    revision: Revision,
    *,
    form: ReviewForm | None = None,
    override_form: OverrideForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = selectors.roles_for(request.user, record.agency)
    in_review = revision.status == Status.SUBMITTED
    scan = findings.scan_revision(revision)
    attachments = list(revision.attachments.all())
    form = form or ReviewForm()
    errors = error_links(form, "id_decision_0") if form.errors else []
    if override_form is not None and override_form.errors:
        errors = error_links(override_form, f"finding-{override_form.data.get('finding', '')}")
    context = {
        "record": record,
        "revision": revision,
        "issuers": revision.issuer_list(),
        "scan": scan,
        "open_findings": [f for f in scan if f.is_open],
        "body": findings.body_highlighted(revision),
        "attachments": [
            (a, [f for f in scan if f.attachment is not None and f.attachment.pk == a.pk])
            for a in attachments
        ],
        "images": [a for a in attachments if not a.has_text],
        "form": form,
        "override_form": override_form,
        "may_decide": in_review and bool(roles & ACTIONS["approve"].roles),
        "may_override": in_review and bool(roles & OVERRIDE_ROLES),
        "decision_help": ACTIONS["approve"].texts.help,
        "checklist": ChecklistItem.choices,
        "errors": errors,
    }
    return render(request, "backoffice/records/review.html", context, status=status)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    record, revision = load(request, pk)
    if request.method != "POST":
        return _render(request, record, revision)
    if not selectors.may_act(request.user, record.agency, ACTIONS["approve"].roles):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review(revision=revision, by=request.user, **form.cleaned_data)
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
            record, revision = load(request, pk)
            return _render(request, record, revision, form=form, status=exc.status)
        if form.cleaned_data["decision"] == "approve":
            messages.success(request, _("The record passed the confidentiality review and awaits sign-off."))
        else:
            messages.success(request, _("The record is returned for changes."))
        return redirect("records:detail", pk=pk)
    return _render(request, record, revision, form=form, status=422)


@login_required
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    record, revision = load(request, pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.override_finding(
                revision=revision,
                by=request.user,
                digest=form.cleaned_data["finding"],
                reason=form.cleaned_data["reason"],
                decision=form.cleaned_data["decision"],
            )
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
        else:
            if form.cleaned_data["decision"] == "mask":
                messages.success(request, _("The finding will be masked in the published copy."))
            else:
                messages.success(request, _("The finding may stay; your reason is recorded."))
            return redirect("records:review", pk=pk)
    return _render(request, record, revision, override_form=form, status=422)
