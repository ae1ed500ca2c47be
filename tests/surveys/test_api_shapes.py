"""Each survey operation answers the same JSON as the hand-built dictionaries it answered before
its response was typed: every key, every value, on a survey with answers and published results."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from sunshine.surveys import api, selectors, services
from sunshine.surveys.models import Survey
from tests.api_helpers import bearer, token_for
from tests.api_shapes import as_sent
from tests.surveys.conftest import QUESTIONS, close, good_answers, ids

STAFF = "/api/v1/staff/surveys"


def answered(survey: Survey, n: int = 3) -> Survey:
    q, _o = ids(survey)
    for i in range(n):
        answers = {**good_answers(survey, text=f"联系我13812345678，第{i}条"), str(q[2]): 5 if i else 3}
        services.submit_response(survey=survey, respondent=f"r{i}", answers=answers)
    return survey


@pytest.fixture
def published(open_survey, simon) -> Survey:
    return services.perform(close(answered(open_survey)), "publish_results", by=simon, summary="感谢参与")


def public(survey: Survey) -> object:
    return as_sent(api._detail(selectors.get_public_survey(survey.pk), timezone.now()))


def staff(survey: Survey, user) -> object:
    found = selectors.get_survey_for_staff(user, survey.pk)
    return as_sent(api._staff_detail(SimpleNamespace(user=user), found))  # type: ignore[arg-type]


def call(client, method, path, who, body=None):
    return getattr(client, method)(
        f"{STAFF}{path}", body, content_type="application/json", **bearer(token_for(client, who))
    )


def test_an_open_survey_answers_its_questions_and_no_results(client, open_survey):
    answer = client.get(f"/api/v1/surveys/{answered(open_survey).pk}").json()
    assert answer == public(open_survey)
    assert (answer["results"], answer["results_summary"], answer["closed_early_reason"]) == (None, "", "")
    assert set(answer["questions"][0]) == {"id", "position", "kind", "text", "required", "options"}


def test_a_survey_with_published_results_answers_them(client, published):
    answer = client.get(f"/api/v1/surveys/{published.pk}").json()
    assert answer == public(published)
    assert [r["mean"] for r in answer["results"]] == [None, None, 4.33, None]
    assert set(answer["results"][0]) == {"question", "answered", "counts", "mean", "texts"}
    assert answer["results"][0]["counts"][0] == {"label": "小学", "count": 3, "percent": 100}


def test_a_response_answers_its_id_and_token(client, open_survey):
    answer = client.post(
        f"/api/v1/surveys/{open_survey.pk}/responses",
        {"answers": good_answers(open_survey)},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert set(answer.json()) == {"id", "token"}
    assert answer.json()["id"] == open_survey.responses.get().pk
    assert isinstance(answer.json()["token"], str)


def test_the_staff_survey_answers_the_unmasked_results_and_the_steps(client, published, alice):
    answer = call(client, "get", f"/{published.pk}", "alice").json()
    assert answer == staff(published, alice)
    assert answer["responses"] == 3
    assert "13812345678" in answer["results"][3]["texts"][0]


def test_drafting_changing_and_stepping_answer_the_staff_survey(client, tree, alice, simon):
    now = timezone.now()
    body = {
        "agency": "CITY-EDU",
        "title": "满意度调查",
        "opens_at": (now - datetime.timedelta(days=1)).isoformat(),
        "closes_at": (now + datetime.timedelta(days=5)).isoformat(),
        "questions": QUESTIONS,
    }
    created = call(client, "post", "", "alice", body)
    assert created.status_code == 201
    found = Survey.objects.get(pk=created.json()["id"])
    assert created.json() == staff(found, alice)
    changed = call(client, "patch", f"/{found.pk}", "alice", {"introduction": "请填写"})
    assert changed.json() == staff(found, alice)
    stepped = call(client, "post", f"/{found.pk}/actions", "simon", {"action": "publish"})
    assert stepped.status_code == 200
    assert stepped.json() == staff(found, simon)
    assert stepped.json()["results"][2]["mean"] is None


def test_the_lists_answer_the_summary_of_each_survey(client, published, alice):
    now = timezone.now()
    listed = client.get("/api/v1/surveys").json()
    assert listed == as_sent([api._summary(s, now) for s in selectors.public_surveys()])
    assert set(listed[0]) == {
        "id",
        "title",
        "agency",
        "status",
        "phase",
        "phase_label",
        "opens_at",
        "closes_at",
        "anonymous",
        "url",
    }
    staff_listed = call(client, "get", "", "alice").json()
    assert staff_listed == as_sent([api._summary(s, now) for s in selectors.surveys_for_staff(alice)])
