"""Staff pages of opinion solicitations (意见征集), under /staff/solicitations/: the list of one's
agencies' solicitations, drafting, the steps of the workflow kernel, the moderation of comments and
the adoption feedback. Thin views: the rules are the solicitations services' and declarations'
(docs/solicitations.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.backoffice.interaction_forms import put_errors
from sunshine.backoffice.solicitation_forms import (
    ModerationForm,
    NewSolicitationForm,
    SolicitationForm,
    StepForm,
    step_form,
)
from sunshine.core.workflow import WorkflowError
from sunshine.records import indexing
from sunshine.solicitations import selectors, services
from sunshine.solicitations.actions import COMMENT_WORKFLOW, WORKFLOW
from sunshine.solicitations.codes import Adoption, CommentStatus, Status
from sunshine.solicitations.models import Solicitation
from sunshine.solicitations.roles import DRAFTER_ROLES

LIST_LIMIT = 200


def _drafting_agencies(request: HttpRequest) -> QuerySet[Agency]:
    return agencies_for_staff(request.user, roles=DRAFTER_ROLES).filter(is_active=True).order_by("path")


def _check_staff(request: HttpRequest) -> None:
    """403 for a person whose roles open no agency's solicitations (the navigation offers no link)."""
    if not selectors.works_on_solicitations(request.user):
        raise PermissionDenied


@login_required
def solicitation_list(request: HttpRequest) -> HttpResponse:
    _check_staff(request)
    now = timezone.now()
    items = selectors.solicitations_for_staff(request.user).annotate(
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING))
    )[:LIST_LIMIT]
    rows = [{"s": s, "phase": s.get_phase_display(now), "days_left": s.days_left(now)} for s in items]
    context = {"rows": rows, "may_draft": _drafting_agencies(request).exists()}
    return render(request, "backoffice/solicitations/list.html", context)


@login_required
def solicitation_create(request: HttpRequest) -> HttpResponse:
    agencies = _drafting_agencies(request)
    if not agencies.exists():
        raise PermissionDenied
    form = NewSolicitationForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            solicitation = services.create_solicitation(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            if exc.status == 403:
                raise
            put_errors(form, exc)
        else:
            messages.success(request, _("The solicitation was saved as a draft."))
            return redirect("solicitations_staff:detail", pk=solicitation.pk)
    status = 422 if form.errors else 200
    return render(request, "backoffice/solicitations/form.html", {"form": form}, status=status)


def _render(
    request: HttpRequest,
    solicitation: Solicitation,
    *,
    form: SolicitationForm | None = None,
    bound_step: StepForm | None = None,
    moderation: ModerationForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    user = request.user
    if form is None and selectors.may_draft(user, solicitation):
        form = SolicitationForm(
            initial={
                **{name: getattr(solicitation, name) for name in services.EDITABLE_FIELDS},
                "opens_at": timezone.localtime(solicitation.opens_at),
                "closes_at": timezone.localtime(solicitation.closes_at),
            }
        )
    steps = [
        {
            "name": name,
            "texts": WORKFLOW.actions[name].texts,
            "form": bound_step if bound_step is not None and bound_step.prefix == name else step_form(name),
        }
        for name in selectors.steps_for(user, solicitation)
    ]
    comments = list(selectors.staff_comments(solicitation))
    moderates = selectors.may_moderate(user, solicitation)
    open_for_moderation = moderates and solicitation.status != Status.FEEDBACK_PUBLISHED
    policy = selectors.policy_record(solicitation)
    context: dict[str, Any] = {
        "solicitation": solicitation,
        "phase": solicitation.get_phase_display(now),
        "days_left": solicitation.days_left(now),
        "public": solicitation.status != Status.DRAFT,
        "form": form,
        "steps": steps,
        "comment_count": len(comments),
        "pending": [c for c in comments if c.status == CommentStatus.PENDING],
        "approved": [c for c in comments if c.status == CommentStatus.APPROVED],
        "rejected": [c for c in comments if c.status == CommentStatus.REJECTED],
        "may_moderate": open_for_moderation,
        "comment_texts": {name: a.texts for name, a in COMMENT_WORKFLOW.actions.items()},
        "adoptions": Adoption.choices,
        "sections": selectors.adoption_sections(solicitation),
        "moderation": moderation,
        "checked": set(request.POST.getlist("ids")) if moderation is not None else set(),
        "policy": policy,
        "policy_url": indexing.record_url(solicitation.policy_index_number) if policy else "",
        "problem": problem,
    }
    return render(request, "backoffice/solicitations/detail.html", context, status=status)


@login_required
def solicitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The solicitation; a POST changes the draft (``services.update_solicitation``)."""
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    if request.method != "POST":
        return _render(request, solicitation)
    form = SolicitationForm(request.POST)
    if form.is_valid():
        try:
            services.update_solicitation(solicitation=solicitation, by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            if exc.status == 403:
                raise
            if exc.status != 422:
                return _render(request, solicitation, problem=exc.message, status=exc.status)
            put_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("solicitations_staff:detail", pk=pk)
    return _render(request, solicitation, form=form, status=422)


@login_required
@require_POST
def solicitation_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step through the kernel (``services.perform``): 403 for the person's roles, the page
    again with the kernel's messages otherwise."""
    if action not in WORKFLOW.actions:
        raise Http404(action)
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    form = step_form(action, request.POST)
    form.is_valid()  # every field is optional: the kernel checks the input
    try:
        services.perform(solicitation, action, by=request.user, **form.inputs())
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        solicitation.refresh_from_db()
        if exc.fields:
            put_errors(form, exc)
            return _render(request, solicitation, bound_step=form, status=exc.status)
        return _render(request, solicitation, problem=exc.message, status=exc.status)
    messages.success(request, str(WORKFLOW.actions[action].texts.history))
    return redirect("solicitations_staff:detail", pk=pk)


@login_required
@require_POST
def comment_moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject the comments ticked, or record their adoption as one group
    (``services.moderate``: all or none)."""
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    if not selectors.may_moderate(request.user, solicitation):
        raise PermissionDenied
    ids = list(selectors.staff_comments(solicitation).values_list("pk", flat=True))
    form = ModerationForm(request.POST, ids=ids)
    if not form.is_valid():
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _render(request, solicitation, moderation=form, problem=problem, status=422)
    action = form.cleaned_data["action"]
    try:
        comments = selectors.comments_by_ids(solicitation, form.cleaned_data["ids"])
        services.moderate(comments, action, by=request.user, **form.inputs())
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        problem = " ".join(exc.fields.values()) if exc.fields else exc.message
        return _render(request, solicitation, moderation=form, problem=problem, status=exc.status)
    messages.success(request, f"{COMMENT_WORKFLOW.actions[action].texts.history} ({len(comments)})")
    return redirect("solicitations_staff:detail", pk=pk)
