"""The reply of a request in the back office (docs/workflows.md#replies): the officer prepares it
(text, outcome, files, linked records), sends it to review; a reviewer approves or returns it and may
let a privacy finding stay; a signer signs or returns it. Each form posts here, calls one service
and comes back to the request's page; errors are shown there and change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Role
from sunshine.backoffice.reply_forms import KeepFindingForm, ReplyDraftForm, ReplyFilesForm, ReplyStepForm
from sunshine.core.workflow import WorkflowError
from sunshine.inforequests.models import InfoRequest, ReplyDraft
from sunshine.inforequests.replies import scan, services
from sunshine.inforequests.replies.declarations import ACTIONS, EDITABLE, WORKFLOW
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import get_request_for_staff, roles_for


@dataclass
class ReplyStep:
    action: str
    label: str
    help: str
    form: ReplyStepForm


@dataclass
class ReplyPanel:
    """What the request's page shows of its reply being prepared, for the person looking at it."""

    draft: ReplyDraft | None
    required: bool  # the agency's replies are reviewed and signed
    may_edit: bool
    may_reply_directly: bool
    form: ReplyDraftForm | None
    files_form: ReplyFilesForm | None
    steps: list[ReplyStep]
    findings: list[scan.ReplyFinding]
    unreadable: list[Any]
    may_keep: bool


def reply_panel(
    user: Any,
    info_request: InfoRequest,
    *,
    form: ReplyDraftForm | None = None,
    files_form: ReplyFilesForm | None = None,
) -> ReplyPanel:
    draft = services.current_draft(info_request)
    roles = roles_for(user, info_request.agency)  # read once: every check below is on these
    handles = bool(roles & HANDLING_ROLES)
    editable = handles and (draft is None or draft.status in EDITABLE)
    if editable and form is None:
        initial = (
            {
                "outcome": draft.outcome,
                "reasons": draft.reasons,
                "note": draft.note,
                "record_numbers": "\n".join(draft.record_numbers),
            }
            if draft is not None
            else None
        )
        form = ReplyDraftForm(initial=initial, auto_id="id_reply_%s")
    steps: list[ReplyStep] = []
    findings: list[scan.ReplyFinding] = []
    permitted = WORKFLOW.for_roles(draft.status, roles) if draft is not None else []
    if draft is not None:
        for name in permitted:
            if name == "keep_finding":
                continue
            action = ACTIONS[name]
            steps.append(
                ReplyStep(
                    name,
                    str(action.texts.button),
                    str(action.texts.help),
                    ReplyStepForm(auto_id=f"id_reply_{name}_%s"),
                )
            )
        findings = scan.scan_draft(draft)
    may_keep = "keep_finding" in permitted
    return ReplyPanel(
        draft=draft,
        required=services.review_required(info_request.agency),
        may_edit=editable,
        may_reply_directly=Role.DISCLOSURE_OFFICE in roles,
        form=form if editable else None,
        files_form=(files_form or ReplyFilesForm(auto_id="id_reply_files_%s")) if editable else None,
        steps=steps,
        findings=findings,
        unreadable=scan.images_to_look_at(draft) if draft is not None else [],
        may_keep=may_keep,
    )


def _refused(request: HttpRequest, pk: int, exc: WorkflowError, **bound: Any) -> HttpResponse:
    from sunshine.backoffice.request_detail import render_with_reply_errors

    if exc.status == 403:
        raise PermissionDenied from exc
    return render_with_reply_errors(request, pk, exc, **bound)


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = get_request_for_staff(request.user, pk)
    form = ReplyDraftForm(request.POST, auto_id="id_reply_%s")
    if not form.is_valid():
        return _refused(
            request,
            pk,
            WorkflowError(422, "validation_error", _("Some of the input is not valid.")),
            form=form,
        )
    try:
        services.save_draft(request=info_request, by=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        return _refused(request, pk, exc, form=form)
    messages.success(request, _("The draft reply is saved."))
    return redirect(f"{_page(pk)}#reply")


@login_required
@require_POST
def add_files(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = get_request_for_staff(request.user, pk)
    form = ReplyFilesForm(request.POST, request.FILES, auto_id="id_reply_files_%s")
    if not form.is_valid():
        return _refused(
            request,
            pk,
            WorkflowError(422, "validation_error", _("Choose at least one file.")),
            files_form=form,
        )
    try:
        stored = services.add_files(
            request=info_request, by=request.user, files=form.cleaned_data["attachments"]
        )
    except WorkflowError as exc:
        return _refused(request, pk, exc, files_form=form)
    messages.success(
        request, _("Attached to the reply: %(names)s.") % {"names": "、".join(f.name for f in stored)}
    )
    return redirect(f"{_page(pk)}#reply")


@login_required
@require_POST
def remove_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    info_request = get_request_for_staff(request.user, pk)
    try:
        services.remove_file(request=info_request, by=request.user, file_id=file_id)
    except WorkflowError as exc:
        if exc.status == 404:
            raise Http404(file_id) from exc
        return _refused(request, pk, exc)
    messages.success(request, _("The file is removed from the reply."))
    return redirect(f"{_page(pk)}#reply")


@login_required
@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404(action)
    info_request = get_request_for_staff(request.user, pk)
    if action == "keep_finding":
        keep = KeepFindingForm(request.POST)
        if not keep.is_valid():
            return _refused(
                request,
                pk,
                WorkflowError(
                    422, "validation_error", _("Say why it may stay."), {"reason": _("Say why it may stay.")}
                ),
            )
        data: dict[str, Any] = dict(keep.cleaned_data)
        acknowledged = False
    else:
        form = ReplyStepForm(request.POST)
        form.is_valid()
        data = {"comments": form.cleaned_data.get("comments", "")}
        acknowledged = bool(form.cleaned_data.get("acknowledged"))
    try:
        services.take_step(
            request=info_request, by=request.user, action=action, input=data, acknowledged=acknowledged
        )
    except WorkflowError as exc:
        return _refused(request, pk, exc)
    messages.success(request, _("Recorded: %(step)s.") % {"step": ACTIONS[action].texts.history})
    return redirect(f"{_page(pk)}#reply")


def _page(pk: int) -> str:
    from django.urls import reverse

    return reverse("backoffice:request_detail", args=[pk])
