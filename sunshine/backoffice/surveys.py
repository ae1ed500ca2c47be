"""Staff pages of surveys (民意调查), under /staff/surveys/: the list of one's agencies' surveys,
drafting a survey with its questions, the steps of the workflow kernel (publish, close early, publish
the results) and the results with their charts, tables and exports. Thin views: the rules are the
surveys services' and declarations' (docs/surveys.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.backoffice.interaction_forms import put_errors
from sunshine.backoffice.survey_forms import (
    NewSurveyForm,
    QuestionBlock,
    StepForm,
    SurveyForm,
    apply,
    blocks_from,
    blocks_of,
    put_question_errors,
    questions_input,
    step_form,
)
from sunshine.core.workflow import WorkflowError
from sunshine.surveys import charts, selectors, services
from sunshine.surveys.actions import WORKFLOW
from sunshine.surveys.codes import Kind, Status
from sunshine.surveys.models import Survey
from sunshine.surveys.roles import DRAFTER_ROLES

LIST_LIMIT = 200
SURVEY_FIELDS = ("title", "introduction", "opens_at", "closes_at", "anonymous")


def _drafting_agencies(request: HttpRequest) -> QuerySet[Agency]:
    return agencies_for_staff(request.user, roles=DRAFTER_ROLES).filter(is_active=True).order_by("path")


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not selectors.works_on_surveys(request.user):
        raise PermissionDenied  # the navigation offers no link
    now = timezone.now()
    items = selectors.surveys_for_staff(request.user).annotate(answers=Count("responses"))[:LIST_LIMIT]
    rows = [{"s": s, "phase": s.get_phase_display(now)} for s in items]
    context = {"rows": rows, "may_draft": _drafting_agencies(request).exists()}
    return render(request, "backoffice/surveys/list.html", context)


def _editor_context(form: forms.Form, blocks: list[QuestionBlock]) -> dict[str, Any]:
    return {"form": form, "blocks": blocks, "kinds": Kind.choices}


def _unbound(form_class: type[SurveyForm], data: Any, **kwargs: Any) -> SurveyForm:
    """The form as sent, without its errors: an editor button re-shows it unsaved."""
    initial = {name: data.get(name) for name in form_class.base_fields if name in data}
    initial["anonymous"] = bool(data.get("anonymous"))
    return form_class(initial=initial, **kwargs)


def _save_errors(form: forms.Form, blocks: list[QuestionBlock], kept: list[int], exc: WorkflowError) -> None:
    rest = put_question_errors(blocks, kept, exc.fields)
    put_errors(form, WorkflowError(exc.status, exc.code, exc.message, rest))
    if not rest and exc.fields:
        form.add_error(None, _("Some questions need changes: see the messages beside them."))


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    agencies = _drafting_agencies(request)
    if not agencies.exists():
        raise PermissionDenied
    if request.method != "POST":
        form = NewSurveyForm(initial={"anonymous": True}, agencies=agencies)
        context = _editor_context(form, [QuestionBlock()])
        return render(request, "backoffice/surveys/form.html", context)
    blocks = blocks_from(request.POST)
    op = request.POST.get("op", "")
    if op:
        unsaved = _unbound(NewSurveyForm, request.POST, agencies=agencies)
        return render(request, "backoffice/surveys/form.html", _editor_context(unsaved, apply(blocks, op)))
    bound = NewSurveyForm(request.POST, agencies=agencies)
    questions, kept = questions_input(blocks)
    if bound.is_valid():
        try:
            survey = services.create_survey(by=request.user, questions=questions, **bound.cleaned_data)
        except WorkflowError as exc:
            if exc.status == 403:
                raise
            _save_errors(bound, blocks, kept, exc)
        else:
            messages.success(request, _("The survey was saved as a draft."))
            return redirect("surveys_staff:detail", pk=survey.pk)
    return render(request, "backoffice/surveys/form.html", _editor_context(bound, blocks), status=422)


def _render(
    request: HttpRequest,
    survey: Survey,
    *,
    form: forms.Form | None = None,
    blocks: list[QuestionBlock] | None = None,
    bound_step: StepForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    editable = selectors.may_draft(request.user, survey)
    if editable and form is None:
        form = SurveyForm(
            initial={
                **{name: getattr(survey, name) for name in SURVEY_FIELDS},
                "opens_at": timezone.localtime(survey.opens_at),
                "closes_at": timezone.localtime(survey.closes_at),
            }
        )
        blocks = blocks_of(survey)
    steps = [
        {
            "name": name,
            "texts": WORKFLOW.actions[name].texts,
            "form": bound_step if bound_step is not None and bound_step.prefix == name else step_form(name),
        }
        for name in selectors.steps_for(request.user, survey)
    ]
    context: dict[str, Any] = {
        "survey": survey,
        "phase": survey.get_phase_display(timezone.now()),
        "public": survey.status != Status.DRAFT,
        "editable": editable,
        "questions": selectors.questions(survey),
        "responses": survey.responses.count(),
        "steps": steps,
        "problem": problem,
        **(_editor_context(form, blocks or []) if editable and form is not None else {}),
    }
    return render(request, "backoffice/surveys/detail.html", context, status=status)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey; a POST changes the draft and replaces its questions (``services.update_survey``),
    or, from a button of the question editor, shows the form again unsaved."""
    survey = selectors.get_survey_for_staff(request.user, pk)
    if request.method != "POST":
        return _render(request, survey)
    if not selectors.may_draft(request.user, survey):
        if survey.status == Status.DRAFT:
            raise PermissionDenied
        return _render(request, survey, problem=_("Only a draft can be changed."), status=409)
    blocks = blocks_from(request.POST)
    op = request.POST.get("op", "")
    if op:
        return _render(request, survey, form=_unbound(SurveyForm, request.POST), blocks=apply(blocks, op))
    form = SurveyForm(request.POST)
    questions, kept = questions_input(blocks)
    if form.is_valid():
        try:
            services.update_survey(survey=survey, by=request.user, questions=questions, **form.cleaned_data)
        except WorkflowError as exc:
            if exc.status == 403:
                raise
            if exc.status != 422:
                return _render(request, survey, problem=exc.message, status=exc.status)
            _save_errors(form, blocks, kept, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("surveys_staff:detail", pk=pk)
    return _render(request, survey, form=form, blocks=blocks, status=422)


@login_required
@require_POST
def survey_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step through the kernel (``services.perform``): 403 for the person's roles, the page
    again with the kernel's messages otherwise."""
    if action not in WORKFLOW.actions:
        raise Http404(action)
    survey = selectors.get_survey_for_staff(request.user, pk)
    form = step_form(action, request.POST)
    form.is_valid()  # every field is optional: the kernel checks the input
    try:
        services.perform(survey, action, by=request.user, **form.inputs())
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        survey.refresh_from_db()
        step_fields = {k: v for k, v in exc.fields.items() if k in form.fields}
        if step_fields:
            put_errors(form, exc)
            return _render(request, survey, bound_step=form, status=exc.status)
        problem = " ".join(exc.fields.values()) if exc.fields else exc.message
        return _render(request, survey, problem=problem, status=exc.status)
    messages.success(request, str(WORKFLOW.actions[action].texts.history))
    return redirect("surveys_staff:detail", pk=pk)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers so far, as staff read them (text answers unmasked): a chart and a table per
    choice or scale question, and the exports."""
    survey = selectors.get_survey_for_staff(request.user, pk)
    results = selectors.results(survey, mask=False)
    context = {
        "survey": survey,
        "phase": survey.get_phase_display(timezone.now()),
        "responses": survey.responses.count(),
        "results": [(r, charts.bar_chart(r, r.question.text) if r.bars else "") for r in results],
        "csv_url": reverse("api:survey_responses_csv", kwargs={"pk": survey.pk}),
        "xlsx_url": reverse("api:survey_responses_xlsx", kwargs={"pk": survey.pk}),
    }
    return render(request, "backoffice/surveys/results.html", context)
