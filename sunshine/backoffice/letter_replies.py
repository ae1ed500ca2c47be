"""The reply of a letter in the back office (docs/letters.md#reply-review): the officer writes the draft
or starts it from one of the agency's templates, sends it to review; a reviewer approves or returns it;
a signer signs or returns it; the letter's ``reply`` step then sends it. Each form posts here, calls one
service and comes back to the letter's page; errors are shown there and change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import roles_in
from sunshine.backoffice.reply_forms import ReplyStepForm
from sunshine.core.workflow import WorkflowError
from sunshine.letters import selectors
from sunshine.letters.codes import CONCLUDED_STATUSES
from sunshine.letters.models import Letter, LetterReplyDraft
from sunshine.letters.replies import scan, services, templates
from sunshine.letters.replies.declarations import ACTIONS, EDITABLE, WORKFLOW
from sunshine.letters.roles import HANDLING_ROLES


class LetterReplyDraftForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Reply"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    publish = forms.BooleanField(label=gettext_lazy("Publish the letter and its reply"), required=False)

    def __init__(self, *args: Any, letter: Letter, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_letter_reply_%s")
        super().__init__(*args, **kwargs)
        if not letter.publish_consent:
            del self.fields["publish"]


@dataclass
class ReplyStep:
    action: str
    label: str
    help: str
    form: ReplyStepForm


@dataclass
class LetterReplyPanel:
    """What the letter's page shows of its reply being prepared, for the person looking at it."""

    draft: LetterReplyDraft | None
    required: bool
    may_edit: bool
    may_reply_directly: bool
    form: LetterReplyDraftForm | None
    templates: list[Any]
    steps: list[ReplyStep]
    findings: list[scan.LetterReplyFinding]


def reply_panel(user: Any, letter: Letter, *, form: LetterReplyDraftForm | None = None) -> LetterReplyPanel:
    draft = services.current_draft(letter)
    roles = roles_in(user, letter.agency)  # read once: every check below is on these
    editable = (
        bool(roles & HANDLING_ROLES)
        and letter.status not in CONCLUDED_STATUSES
        and (draft is None or draft.status in EDITABLE)
    )
    if editable and form is None:
        initial = {"text": draft.text, "publish": draft.publish} if draft is not None else None
        form = LetterReplyDraftForm(initial=initial, letter=letter)
    steps = [
        ReplyStep(
            name,
            str(ACTIONS[name].texts.button),
            str(ACTIONS[name].texts.help),
            ReplyStepForm(auto_id=f"id_letter_reply_{name}_%s"),
        )
        for name in (WORKFLOW.for_roles(draft.status, roles) if draft is not None else [])
    ]
    return LetterReplyPanel(
        draft=draft,
        required=services.review_required(letter.agency),
        may_edit=editable,
        may_reply_directly=Role.DISCLOSURE_OFFICE in roles,
        form=form if editable else None,
        templates=list(templates.templates_for(letter)) if editable else [],
        steps=steps,
        findings=scan.scan_draft(draft) if draft is not None else [],
    )


def _page(pk: int) -> str:
    return reverse("letters_staff:detail", args=[pk]) + "#reply"


def _load(request: HttpRequest, pk: int) -> Letter:
    from sunshine.backoffice.requests import staff_agencies

    staff_agencies(request)  # 403 without an agency
    return selectors.get_letter_for_staff(request.user, pk)


def _refused(
    request: HttpRequest, letter: Letter, exc: WorkflowError, form: LetterReplyDraftForm | None = None
) -> HttpResponse:
    from sunshine.backoffice.letters import render_letter

    if exc.status == 403:
        raise PermissionDenied from exc
    if form is not None and exc.fields:
        for name, message in exc.fields.items():
            form.add_error(name if name in form.fields else None, message)
    problem = exc.message
    if form is None and exc.fields:  # no form to show them beside: say them in the notice
        problem = " ".join(str(message) for message in exc.fields.values())
    letter.refresh_from_db()
    panel = reply_panel(request.user, letter, form=form)
    return render_letter(request, letter, reply=panel, problem=problem, status=exc.status)


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _load(request, pk)
    form = LetterReplyDraftForm(request.POST, letter=letter)
    if not form.is_valid():
        return _refused(
            request,
            letter,
            WorkflowError(422, "validation_error", _("Some of the input is not valid.")),
            form,
        )
    try:
        services.save_draft(
            letter=letter,
            by=request.user,
            text=form.cleaned_data["text"],
            publish=bool(form.cleaned_data.get("publish")),
        )
    except WorkflowError as exc:
        return _refused(request, letter, exc, form)
    messages.success(request, _("The draft reply is saved."))
    return redirect(_page(pk))


@login_required
@require_POST
def from_template(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _load(request, pk)
    try:
        services.start_from_template(letter=letter, by=request.user, template_id=request.POST.get("template"))
    except WorkflowError as exc:
        return _refused(request, letter, exc)
    messages.success(request, _("The draft reply starts from the template: check and complete it."))
    return redirect(_page(pk))


@login_required
@require_POST
def take_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in ACTIONS:
        raise Http404(step)
    letter = _load(request, pk)
    form = ReplyStepForm(request.POST)
    form.is_valid()
    data = {"comments": form.cleaned_data.get("comments", "")}
    try:
        services.take_step(
            letter=letter,
            by=request.user,
            step=step,
            input=data,
            acknowledged=bool(form.cleaned_data.get("acknowledged")),
        )
    except WorkflowError as exc:
        return _refused(request, letter, exc)
    messages.success(request, _("Recorded: %(step)s.") % {"step": ACTIONS[step].texts.history})
    return redirect(_page(pk))
