"""One request in the back office: what is asked, by whom, its clock and history, and the forms of
the actions its status allows and the person's roles permit (``inforequests.actions``), of reviews and of
assignment. Each form posts to its own URL, calls one service and comes back here; errors are shown
here and change nothing. People whose roles do not permit a step get a 403."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.backoffice.reply_drafts import ReplyPanel, reply_panel
from sunshine.backoffice.reply_forms import ReplyDraftForm, ReplyFilesForm
from sunshine.backoffice.request_display import (
    action_help,
    action_label,
    clock_summary,
    history_label,
    history_rows,
    person_label,
    person_name,
)
from sunshine.backoffice.request_forms import ActionForm, AssignForm, ReviewForm, action_form
from sunshine.core.workflow import WorkflowError
from sunshine.inforequests import abuse, access, assignment, services
from sunshine.inforequests.actions import ACTIONS, APPROVER_ROLES, WORKFLOW
from sunshine.inforequests.applicant_file import applicant_files, file_response
from sunshine.inforequests.codes import CONCLUDED_STATUSES
from sunshine.inforequests.documents.kinds import available_kinds
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.inforequests.replies.services import signed_draft
from sunshine.inforequests.reviews import add_review
from sunshine.inforequests.selectors import (
    actions_for,
    extension_approvers,
    get_request_for_staff,
    may_act,
    may_handle,
)
from sunshine.workdays.calendar import current_calendar


@dataclass
class ActionPanel:
    action: str
    label: str
    help: str
    form: ActionForm
    open: bool = False


@dataclass(frozen=True)
class ErrorLink:
    target: str  # the id of the input
    label: str
    message: str


def _error_links(form: forms.Form, fallback_id: str) -> list[ErrorLink]:
    links = [ErrorLink(fallback_id, "", str(e)) for e in form.non_field_errors()]
    for field in form:
        links += [
            ErrorLink(field.id_for_label or field.auto_id or fallback_id, str(field.label), str(e))
            for e in field.errors
        ]
    return links


def _load(request: HttpRequest, pk: int) -> InfoRequest:
    found = get_request_for_staff(request.user, pk)  # 404 beyond the person's agencies
    return InfoRequest.objects.select_related(
        "agency", "assigned_to", "created_by", "extension_approver"
    ).get(pk=found.pk)


def _form(request: HttpRequest, info_request: InfoRequest, action: str, data: Any = None) -> ActionForm:
    """The action's form for the signed-in person: the extension lists who may approve it, and
    lets an approver leave the choice to themselves; a signed reply is sent as it was signed."""
    if action == "reply" and signed_draft(info_request) is not None:
        return ActionForm(data, auto_id="id_reply_send_%s")
    if action == "record_fee_payment" and data is None and info_request.fee_declared_paid_on:
        # The applicant said when they paid: the payment is recorded on that day once checked.
        form = action_form(action, data)
        form.initial["date"] = info_request.fee_declared_paid_on
        return form
    if action != "extend":
        return action_form(action, data)
    me = request.user if may_act(request.user, info_request.agency, APPROVER_ROLES) else None
    return action_form(action, data, approvers=extension_approvers(info_request.agency), me=me)


def _render(
    request: HttpRequest,
    info_request: InfoRequest,
    *,
    status: int = 200,
    bound: tuple[str, ActionForm] | None = None,
    review_form: ReviewForm | None = None,
    assign_form: AssignForm | None = None,
    conflict: str = "",
    reply: ReplyPanel | None = None,
    reply_errors: list[ErrorLink] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    calendar = current_calendar()
    panels = []
    reply = reply or reply_panel(request.user, info_request)
    signed = signed_draft(info_request)
    # Only the steps this person may take are offered (the roles the actions declare); the others read.
    for action in actions_for(request.user, info_request):
        if action == "reply" and reply.required and signed is None and not reply.may_reply_directly:
            continue  # the reply is prepared below and sent once signed
        is_bound = bound is not None and bound[0] == action
        form = bound[1] if bound is not None and is_bound else _form(request, info_request, action)
        panels.append(ActionPanel(action, action_label(action), action_help(action), form, form.is_bound))
    if len(panels) == 1:
        panels[0].open = True
    handles = may_handle(request.user, info_request)
    officers = assignment.assignable_officers(info_request)
    review_form = review_form or ReviewForm()
    assign_form = assign_form or AssignForm(
        officers=officers, initial={"officer": info_request.assigned_to_id}
    )
    errors: list[ErrorLink] = list(reply_errors or [])  # the reply's own forms, refused
    if errors:
        ...
    elif bound is not None and bound[1].errors:
        errors = _error_links(bound[1], f"action-{bound[0]}")
    elif review_form.errors:
        errors = _error_links(review_form, "id_review_kind")
    elif assign_form.errors:
        errors = _error_links(assign_form, "id_assign_officer")
    context = {
        "info_request": info_request,
        "clock": clock_summary(info_request, today, calendar),
        "history": history_rows(info_request),
        "pauses": list(info_request.pauses.all()),
        "reviews": list(info_request.reviews.all()),
        "notifications": _messages(info_request),
        # The applicant's correction files; the files of the sent reply are shown with its outcome.
        "request_files": list(info_request.files.filter(purpose=RequestFile.Purpose.CORRECTION)),
        "reply_files": list(applicant_files(info_request).filter(purpose=RequestFile.Purpose.REPLY)),
        "sent_reply": _sent_reply(info_request),
        "documents": available_kinds(info_request),
        "panels": panels,
        "review_form": review_form,
        "assign_form": assign_form,
        "assigned_name": person_name(info_request.assigned_to),
        "errors": errors,
        "conflict": conflict,
        "repeats": abuse.possible_repeats(request.user, info_request),
        "volume": abuse.applicant_volume(request.user, info_request, today=today),
        "similarity_threshold": round(abuse.SIMILARITY_THRESHOLD * 100),
        "is_open": info_request.status not in CONCLUDED_STATUSES,
        "steps_possible": bool(WORKFLOW.allowed(info_request.status)),
        "may_assign": handles,
        "may_record_reviews": handles,
        "extension_approver": person_label(info_request.extension_approver),
        "reply": reply,
        "signed_draft": signed,
    }
    return render(request, "backoffice/requests/detail.html", context, status=status)


def _sent_reply(info_request: InfoRequest) -> dict[str, Any] | None:
    """What the reply's history entry recorded of its review: who approved and signed it, or that
    it was sent directly."""
    event = info_request.events.filter(action="reply").order_by("-id").first()
    return dict(event.data or {}) if event is not None and info_request.outcome else None


def render_with_reply_errors(
    request: HttpRequest,
    pk: int,
    exc: WorkflowError,
    *,
    form: ReplyDraftForm | None = None,
    files_form: ReplyFilesForm | None = None,
) -> HttpResponse:
    """The request's page again after a refused change to its reply: nothing changed, the cause
    beside its field (422) or as a conflict (409)."""
    info_request = _load(request, pk)
    links: list[ErrorLink] = []
    for bound in (form, files_form):
        if bound is not None and bound.errors:
            links += _error_links(bound, "reply")
    for name, message in exc.fields.items():
        target = {"files": "id_reply_files_attachments", "digest": "reply"}.get(name, f"id_reply_{name}")
        links.append(ErrorLink(target, "", message))
    conflict = exc.message if exc.status == 409 else ""
    if exc.status != 409 and not links:
        links.append(ErrorLink("reply", "", exc.message))
    panel = reply_panel(request.user, info_request, form=form, files_form=files_form)
    return _render(
        request, info_request, status=exc.status, conflict=conflict, reply=panel, reply_errors=links
    )


def _messages(info_request: InfoRequest) -> list[Any]:
    """The messages to the applicant, each with the step it told of as the history names it."""
    found: list[Any] = list(info_request.notifications.select_related("event"))
    for message in found:
        message.step_label = history_label(message.event.action) if message.event is not None else ""
    return found


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _load(request, pk))


def _not_allowed(info_request: InfoRequest, action: str) -> str:
    return _("“%(action)s” is not possible while the request is “%(status)s”.") % {
        "action": action_label(action),
        "status": info_request.get_status_display(),
    }


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404(action)
    info_request = _load(request, pk)
    if not may_act(request.user, info_request.agency, ACTIONS[action].roles):
        raise PermissionDenied
    form = _form(request, info_request, action, request.POST)
    if action not in WORKFLOW.allowed(info_request.status):
        return _render(request, info_request, status=409, conflict=_not_allowed(info_request, action))
    if not form.is_valid():
        return _render(request, info_request, status=422, bound=(action, form))
    try:
        services.perform_action(
            request=info_request,
            action=action,
            by=request.user,
            date=form.cleaned_data["date"],
            **form.service_fields(),
        )
    except services.RequestError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        info_request = _load(request, pk)
        if exc.status == 409:
            return _render(request, info_request, status=409, conflict=exc.message)
        for name, message in exc.fields.items():
            form.add_error(name if name in form.fields else None, message)
        if not exc.fields:
            form.add_error(None, exc.message)
        return _render(request, info_request, status=exc.status, bound=(action, form))
    messages.success(request, _("Recorded: %(step)s.") % {"step": history_label(action)})
    return redirect("backoffice:request_detail", pk=pk)


@login_required
@require_POST
def add_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = _load(request, pk)
    if not may_handle(request.user, info_request):
        raise PermissionDenied  # supervisors, reviewers and signers read; they record no review
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            add_review(request=info_request, by=request.user, **form.cleaned_data)
        except services.RequestError as exc:
            for name, message in exc.fields.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("backoffice:request_detail", pk=pk)
    return _render(request, info_request, status=422, review_form=form)


@login_required
@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = _load(request, pk)
    if not may_handle(request.user, info_request):
        raise PermissionDenied
    form = AssignForm(request.POST, officers=assignment.assignable_officers(info_request))
    if form.is_valid():
        officer: Any = form.cleaned_data["officer"]
        try:
            assignment.assign(request=info_request, officer=officer, by=request.user)
        except services.RequestError as exc:
            for message in exc.fields.values():
                form.add_error("officer", message)
        else:
            if officer is None:
                messages.success(request, _("Nobody is assigned to the request now."))
            else:
                messages.success(
                    request, _("%(name)s now handles the request.") % {"name": person_name(officer)}
                )
            return redirect("backoffice:request_detail", pk=pk)
    return _render(request, info_request, status=422, assign_form=form)


@login_required
def download_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of the request (one the applicant sent with a correction), for staff who see it."""
    info_request = get_request_for_staff(request.user, pk)  # 404 beyond the person's agencies
    found = RequestFile.objects.filter(request=info_request, pk=file_id).first()
    if found is None:
        raise Http404(file_id)
    return file_response(found)


@login_required
@require_POST
def renew_key_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a new access key (the old key and links stop working); the key is shown once, here."""
    info_request = _load(request, pk)
    if not may_handle(request.user, info_request):
        raise PermissionDenied
    renewed, key = services.renew_access(request=info_request, by=request.user)
    private_url = request.build_absolute_uri(access.private_path(renewed))
    context = {"info_request": renewed, "access_key": key, "private_url": private_url}
    response = render(request, "backoffice/requests/new_key.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
