"""What each step of a survey changes and the checks before it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.workflow import Step, WorkflowError, invalid
from sunshine.surveys.actions.inputs import CloseEarlyInput, ResultsInput
from sunshine.surveys.codes import CHOICE_KINDS, Phase
from sunshine.surveys.models import Survey

AUDITED_FIELDS = (
    "status",
    "title",
    "opens_at",
    "closes_at",
    "anonymous",
    "published_at",
    "results_published_at",
)


def lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update(of=("self",)).select_related("agency").get(pk=survey.pk)


def agency_of(survey: Survey) -> Agency:
    return survey.agency


def snapshot(survey: Survey) -> dict[str, Any]:
    return audit.snapshot(survey, AUDITED_FIELDS)


def publish(step: Step[Survey]) -> dict[str, Any]:
    survey = step.obj
    if survey.closes_at <= step.now:
        raise invalid({"closes_at": _("The survey must close in the future.")})
    questions = list(survey.questions.prefetch_related("options"))
    if not questions:
        raise invalid({"questions": _("A survey needs at least one question.")})
    for question in questions:
        if question.kind in CHOICE_KINDS and len(question.options.all()) < 2:
            raise invalid(
                {f"questions.{question.position}": _("A choice question needs at least two options.")}
            )
    survey.published_at = step.now
    return {"opens_at": survey.opens_at, "closes_at": survey.closes_at}


def close_early(step: Step[Survey]) -> dict[str, Any]:
    survey = step.obj
    if survey.phase(step.now) != Phase.OPEN:
        raise WorkflowError(409, "survey_not_open", _("Only an open survey can be closed early."))
    assert isinstance(step.input, CloseEarlyInput)
    survey.closes_at = step.now
    survey.closed_early_reason = step.input.reason
    return {"reason": step.input.reason}


def publish_results(step: Step[Survey]) -> dict[str, Any]:
    survey = step.obj
    assert isinstance(step.input, ResultsInput)
    if survey.phase(step.now) != Phase.CLOSED:
        raise WorkflowError(
            409, "survey_still_open", _("The results are published once the survey has closed.")
        )
    survey.results_summary = step.input.summary
    survey.results_published_at = step.now
    return {}
