"""Public pages of surveys (民意调查): the list, and one survey with its form while it is open and
its results, charts beside tables, once they are published (docs/surveys.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core.challenge import Challenge
from sunshine.core.workflow import WorkflowError
from sunshine.surveys import charts, selectors, services, throttle, tokens
from sunshine.surveys.codes import Kind, Phase
from sunshine.surveys.models import Survey

COOKIE_AGE = 365 * 24 * 3600


def survey_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [(s, s.phase(now)) for s in selectors.public_surveys()]
    return render(request, "portal/surveys/list.html", {"rows": rows, "count": len(rows)})


def _answers_from(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in selectors.questions(survey):
        key = f"q{question.pk}"
        answers[str(question.pk)] = (
            request.POST.getlist(key) if question.kind == Kind.MULTIPLE else request.POST.get(key, "")
        )
    return answers


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    now = timezone.now()
    cookie = tokens.cookie_name(survey.pk)
    respondent = tokens.read(request.COOKIES.get(cookie), survey.pk)
    answered = respondent is not None and survey.responses.filter(respondent=respondent).exists()
    errors: dict[str, str] = {}
    status = 200
    challenge: Challenge | None = None
    if request.method == "POST":
        token = request.COOKIES.get(cookie, "")
        if respondent is None:
            token, respondent = tokens.issue(survey.pk)
        try:
            throttle.check(request)
            _passed, challenge = throttle.gate().check_page(request, request.POST)
            if challenge is not None:  # near the brake's limit, a question first (docs/surveys.md)
                raise WorkflowError(422, "challenge_required", challenge.error)
            services.submit_response(
                survey=survey,
                respondent=respondent,
                answers=_answers_from(request, survey),
                name=request.POST.get("name", ""),
                now=now,
            )
            throttle.count(request)
            messages.success(request, _("Thank you. Your answers have been received."))
            response = redirect("surveys:detail", pk=survey.pk)
            response.set_cookie(cookie, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax")
            return response
        except WorkflowError as exc:
            status = exc.status
            errors = dict(exc.fields) or {"": exc.message}
    results = selectors.results(survey) if survey.phase(now) == Phase.RESULTS_PUBLISHED else []
    context = {
        "survey": survey,
        "phase": survey.phase(now),
        "answered": answered,
        "questions": [
            (q, errors.get(f"questions.{q.pk}", ""), request.POST.getlist(f"q{q.pk}"))
            for q in selectors.questions(survey)
        ],
        "errors": errors,
        "name_error": errors.get("name", ""),
        "general_error": errors.get("", ""),
        "results": [(r, charts.bar_chart(r, r.question.text)) for r in results],
        "challenge": challenge or throttle.gate().for_page(request),
    }
    return render(request, "portal/surveys/detail.html", context, status=status)
