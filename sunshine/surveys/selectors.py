"""Reads of surveys: the public ones for everybody, the rest for staff whose roles open the agency;
and the results, counted per option and per point of the scale."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet
from django.http import Http404

from sunshine.agencies.selectors import agencies_for_staff, roles_in
from sunshine.records.privacy_scan import mask_all
from sunshine.surveys.actions import WORKFLOW
from sunshine.surveys.codes import CHOICE_KINDS, SCALE, Kind, Status
from sunshine.surveys.models import Answer, Question, Survey
from sunshine.surveys.roles import DRAFTER_ROLES, STAFF_ROLES

AnyUser = AbstractBaseUser | AnonymousUser
PUBLIC_STATUSES = (Status.PUBLISHED, Status.RESULTS_PUBLISHED)


def public_surveys() -> QuerySet[Survey]:
    return (
        Survey.objects.filter(status__in=PUBLIC_STATUSES, agency__is_active=True)
        .select_related("agency")
        .order_by("-opens_at", "-pk")
    )


def get_public_survey(pk: int) -> Survey:
    try:
        return public_surveys().get(pk=pk)
    except Survey.DoesNotExist as exc:
        raise Http404(pk) from exc


def surveys_for_staff(user: AnyUser) -> QuerySet[Survey]:
    agencies = agencies_for_staff(user, roles=STAFF_ROLES)
    return Survey.objects.filter(agency__in=agencies).select_related("agency").order_by("-created_at", "-pk")


def works_on_surveys(user: AnyUser) -> bool:
    """Whether the person's roles open the surveys of at least one agency (the staff pages and the
    link to them)."""
    return agencies_for_staff(user, roles=STAFF_ROLES).exists()


def get_survey_for_staff(user: AnyUser, pk: int) -> Survey:
    try:
        return surveys_for_staff(user).get(pk=pk)
    except Survey.DoesNotExist as exc:
        raise Http404(pk) from exc


def steps_for(user: AnyUser, survey: Survey) -> list[str]:
    """The steps of the survey's status that the person's roles allow, in declared order."""
    return WORKFLOW.for_roles(survey.status, roles_in(user, survey.agency))


def may_draft(user: AnyUser, survey: Survey) -> bool:
    """Whether the person may change the survey: a draft, and a drafter of its agency."""
    return survey.status == Status.DRAFT and bool(roles_in(user, survey.agency) & DRAFTER_ROLES)


def questions(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options"))


@dataclass
class Bar:
    label: str
    count: int
    percent: int  # of the respondents who answered the question


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    mean: float | None = None


def results(survey: Survey, *, mask: bool = True) -> list[QuestionResult]:
    """Per question: how many answered it, the count per option or point of the scale, and the text
    answers (masked by the privacy scan unless ``mask`` is False, for staff)."""
    out: list[QuestionResult] = []
    answers = Answer.objects.filter(response__survey=survey)
    answered = dict(
        answers.values_list("question")
        .annotate(n=Count("response", distinct=True))
        .values_list("question", "n")
    )
    per_option = dict(
        answers.exclude(option=None).values_list("option").annotate(n=Count("pk")).values_list("option", "n")
    )
    per_scale: dict[tuple[int, int], int] = {
        (q, s or 0): n
        for q, s, n in answers.exclude(scale=None)
        .values_list("question", "scale")
        .annotate(n=Count("pk"))
        .values_list("question", "scale", "n")
    }
    for question in questions(survey):
        total = answered.get(question.pk, 0)
        result = QuestionResult(question, total)

        def bar(label: str, count: int, total: int = total) -> Bar:
            return Bar(label, count, round(100 * count / total) if total else 0)

        if question.kind in CHOICE_KINDS:
            result.bars = [bar(o.text, per_option.get(o.pk, 0)) for o in question.options.all()]
        elif question.kind == Kind.SCALE:
            result.bars = [bar(str(n), per_scale.get((question.pk, n), 0)) for n in SCALE]
            if total:
                result.mean = round(sum(n * per_scale.get((question.pk, n), 0) for n in SCALE) / total, 2)
        else:
            texts = (
                answers.filter(question=question)
                .exclude(text="")
                .values_list("text", flat=True)
                .order_by("pk")
            )
            rule = survey.agency.name_masking
            result.texts = [mask_all(t, rule) if mask else t for t in texts]
        out.append(result)
    return out
