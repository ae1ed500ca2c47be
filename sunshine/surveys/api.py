"""Surveys in the API: the public list, one survey with its questions, a citizen's response and the
published results (/api/v1/surveys); drafting, the steps, results and exports for staff
(/api/v1/staff/surveys). Errors answer the project's one envelope."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import BaseModel, Field, WithJsonSchema

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import get_agency_for_staff
from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.contract import file_download
from sunshine.api.errors import ApiProblem
from sunshine.surveys import export, selectors, services, throttle, tokens
from sunshine.surveys.actions import WORKFLOW
from sunshine.surveys.codes import Kind
from sunshine.surveys.codes import Status as SurveyStatus
from sunshine.surveys.models import Survey

router = Router()
public_router = Router()
staff_router = Router(auth=staff_auth)
TOKEN_HEADER = "HTTP_X_SURVEY_TOKEN"  # noqa: S105  # a header name, not a secret


# --- Schemas ---------------------------------------------------------------------------------------


# The letters have a ``Kind`` too: this one is documented inline, as ``QuestionKind``.
QuestionKind = Annotated[
    Kind, WithJsonSchema({"title": "QuestionKind", "type": "string", "enum": list(Kind.values)})
]


class QuestionIn(Schema):
    kind: QuestionKind
    text: str = Field(min_length=1, max_length=500)
    required: bool = True
    options: list[str] = Field(default_factory=list, max_length=30)


class SurveyIn(Schema):
    agency: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300)
    introduction: str = ""
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    anonymous: bool = True
    questions: list[QuestionIn] = Field(min_length=1, max_length=100)


class SurveyPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    introduction: str | None = None
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    anonymous: bool | None = None
    questions: list[QuestionIn] | None = Field(None, min_length=1, max_length=100)


class ResponseIn(Schema):
    answers: dict[str, Any] = Field(description="question id → option id, list of option ids, 1–5, or text")
    name: str = Field("", max_length=50, description="required by identified surveys; never public")
    token: str = Field("", description="the token returned by an earlier response, if any")


if TYPE_CHECKING:
    StepIn = BaseModel
else:
    StepIn = action_union(WORKFLOW.actions.values(), prefix="Survey", suffix="Step", dated=False)


# --- Answers ---------------------------------------------------------------------------------------
# Each names the keys the shapes below build, as they always answered (docs/api.md).


class SurveyAgencyOut(Schema):
    code: str
    name: str


class SurveySummaryOut(Schema):
    id: int
    title: str
    agency: SurveyAgencyOut
    status: str
    phase: str
    phase_label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    anonymous: bool
    url: str


class SurveyOptionOut(Schema):
    id: int
    text: str


class SurveyQuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: str
    required: bool
    options: list[SurveyOptionOut]


class SurveyBarOut(Schema):
    label: str
    count: int
    percent: int = Field(description="of the respondents who answered the question")


class SurveyResultOut(Schema):
    question: int = Field(description="the question's id")
    answered: int
    counts: list[SurveyBarOut]
    mean: float | None = Field(description="of a scale question; null for the others")
    texts: list[str]


class SurveyOut(SurveySummaryOut):
    introduction: str
    closed_early_reason: str
    questions: list[SurveyQuestionOut]
    results: list[SurveyResultOut] | None = Field(description="null until the results are published")
    results_summary: str


class SurveyStaffOut(SurveyOut):
    responses: int
    results: list[SurveyResultOut] = Field(description="so far, unmasked")
    actions: list[str]


class SurveyResponseReceiptOut(Schema):
    id: int
    token: str = Field(description="send it back with a later response")


# --- Shapes ----------------------------------------------------------------------------------------


def _summary(survey: Survey, now: datetime.datetime) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "title": survey.title,
        "agency": {"code": survey.agency.code, "name": survey.agency.name},
        "status": survey.status,
        "phase": survey.phase(now),
        "phase_label": survey.get_phase_display(now),
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "anonymous": survey.anonymous,
        "url": f"/surveys/{survey.pk}/",
    }


def _results(survey: Survey, *, mask: bool = True) -> list[dict[str, Any]]:
    return [
        {
            "question": r.question.pk,
            "answered": r.answered,
            "counts": [{"label": b.label, "count": b.count, "percent": b.percent} for b in r.bars],
            "mean": r.mean,
            "texts": r.texts,
        }
        for r in selectors.results(survey, mask=mask)
    ]


def _detail(survey: Survey, now: datetime.datetime) -> dict[str, Any]:
    return {
        **_summary(survey, now),
        "introduction": survey.introduction,
        "closed_early_reason": survey.closed_early_reason,
        "questions": [
            {
                "id": q.pk,
                "position": q.position,
                "kind": q.kind,
                "text": q.text,
                "required": q.required,
                "options": [{"id": o.pk, "text": o.text} for o in q.options.all()],
            }
            for q in selectors.questions(survey)
        ],
        "results": _results(survey) if survey.status == SurveyStatus.RESULTS_PUBLISHED else None,
        "results_summary": survey.results_summary if survey.results_published_at else "",
    }


def _staff_detail(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    return {
        **_detail(survey, timezone.now()),
        "responses": survey.responses.count(),
        "results": _results(survey, mask=False),
        "actions": selectors.steps_for(request.user, survey),
    }


# --- Public ----------------------------------------------------------------------------------------


@public_router.get("", response=list[SurveySummaryOut], summary="Published surveys, newest first")
def list_surveys(request: HttpRequest) -> list[dict[str, Any]]:
    now = timezone.now()
    return [_summary(s, now) for s in selectors.public_surveys()]


@public_router.get(
    "/{int:pk}",
    response=SurveyOut,
    summary="One survey: its questions, options, period, status and published results",
)
def get_survey(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(selectors.get_public_survey(pk), timezone.now())


@public_router.post(
    "/{int:pk}/responses", response={201: SurveyResponseReceiptOut}, summary="Answer a survey"
)
def post_response(request: HttpRequest, pk: int, payload: ResponseIn) -> Status[dict[str, Any]]:
    """One response per token: keep the ``token`` returned and send it back (in the body or the
    ``X-Survey-Token`` header); 409 ``survey_closed`` outside the period, 409 ``already_answered``,
    422 naming each bad question (``questions.<id>``)."""
    survey = selectors.get_public_survey(pk)
    throttle.check(request)
    given = payload.token or request.META.get(TOKEN_HEADER, "")
    respondent = tokens.read(given, survey.pk)
    token = given
    if respondent is None:
        token, respondent = tokens.issue(survey.pk)
    response = services.submit_response(
        survey=survey, respondent=respondent, answers=payload.answers, name=payload.name
    )
    throttle.count(request)
    return Status(201, {"id": response.pk, "token": token})


# --- Staff -----------------------------------------------------------------------------------------


def _agency(request: HttpRequest, code: str) -> Agency:
    try:
        return get_agency_for_staff(request.user, code)
    except Http404 as exc:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"agency": _("No agency has this code.")},
        ) from exc


@staff_router.get("", response=list[SurveySummaryOut], summary="The surveys of the agencies your roles open")
def staff_list(request: HttpRequest) -> list[dict[str, Any]]:
    now = timezone.now()
    return [_summary(s, now) for s in selectors.surveys_for_staff(request.user)]


@staff_router.post("", response={201: SurveyStaffOut}, summary="Draft a survey with its questions")
def staff_create(request: HttpRequest, payload: SurveyIn) -> Status[dict[str, Any]]:
    survey = services.create_survey(
        agency=_agency(request, payload.agency),
        by=request.user,
        title=payload.title,
        introduction=payload.introduction,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        anonymous=payload.anonymous,
        questions=[q.dict() for q in payload.questions],
    )
    return Status(201, _staff_detail(request, survey))


@staff_router.get("/{int:pk}", response=SurveyStaffOut, summary="One survey with its results so far")
def staff_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _staff_detail(request, selectors.get_survey_for_staff(request.user, pk))


@staff_router.patch(
    "/{int:pk}", response=SurveyStaffOut, summary="Change a draft (questions given replace the old ones)"
)
def staff_update(request: HttpRequest, pk: int, payload: SurveyPatch) -> dict[str, Any]:
    survey = selectors.get_survey_for_staff(request.user, pk)
    survey = services.update_survey(survey=survey, by=request.user, **payload.dict(exclude_unset=True))
    return _staff_detail(request, survey)


@staff_router.post(
    "/{int:pk}/actions",
    response=SurveyStaffOut,
    summary="Take a step: publish, close early, publish the results",
)
def staff_step(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    survey = selectors.get_survey_for_staff(request.user, pk)
    body = payload.model_dump()
    action = body.pop("action")
    return _staff_detail(request, services.perform(survey, action, by=request.user, **body))


@staff_router.get(
    "/{int:pk}/responses.csv",
    summary="Every response as CSV",
    response={200: None},
    openapi_extra=file_download("text/csv"),
    url_name="survey_responses_csv",
)
def staff_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_staff(request.user, pk)
    response = HttpResponse(export.as_csv(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.csv"'
    return response


@staff_router.get(
    "/{int:pk}/responses.xlsx",
    summary="Every response as XLSX",
    response={200: None},
    openapi_extra=file_download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    url_name="survey_responses_xlsx",
)
def staff_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_staff(request.user, pk)
    response = HttpResponse(
        export.as_xlsx(survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.xlsx"'
    return response


router.add_router("/surveys", public_router)
router.add_router("/staff/surveys", staff_router)
