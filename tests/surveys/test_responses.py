from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from sunshine.core.workflow import WorkflowError
from sunshine.surveys import services, throttle
from sunshine.surveys.models import Answer, Response
from tests.surveys.conftest import close, good_answers, ids, make_draft


def answer(client, survey, body):
    return client.post(
        f"/api/v1/surveys/{survey.pk}/responses",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_response_is_stored_with_one_row_per_option_chosen(client, open_survey):
    reply = answer(client, open_survey, {"answers": good_answers(open_survey)})
    assert reply.status_code == 201, reply.content
    assert reply.json()["token"]
    assert Answer.objects.filter(response__survey=open_survey).count() == 5


def test_a_second_response_with_the_same_token_is_refused(client, open_survey):
    token = answer(client, open_survey, {"answers": good_answers(open_survey)}).json()["token"]
    again = answer(client, open_survey, {"answers": good_answers(open_survey), "token": token})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_answered"
    assert Response.objects.count() == 1


def test_it_refuses_answers_after_the_survey_has_closed(client, open_survey):
    reply = answer(client, close(open_survey), {"answers": good_answers(open_survey)})
    assert reply.status_code == 409
    assert reply.json()["error"]["code"] == "survey_closed"
    assert Response.objects.count() == 0


def test_a_bad_answer_is_refused_naming_the_question_and_nothing_is_stored(client, open_survey):
    q, o = ids(open_survey)
    answers = {**good_answers(open_survey), str(q[0]): [o[0][0], o[0][1]], str(q[2]): 9}
    reply = answer(client, open_survey, {"answers": answers})
    assert reply.status_code == 422
    fields = reply.json()["error"]["fields"]
    assert fields == {
        f"questions.{q[0]}": "Choose one option.",
        f"questions.{q[2]}": "Choose a number from 1 to 5.",
    }
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_required_question_left_empty_is_named(open_survey):
    q, _ = ids(open_survey)
    answers = good_answers(open_survey)
    del answers[str(q[2])]
    with translation.override("en"), pytest.raises(WorkflowError) as caught:
        services.submit_response(survey=open_survey, respondent="r1", answers=answers)
    assert caught.value.fields == {f"questions.{q[2]}": "Answer this question."}


def test_an_identified_survey_asks_for_a_name(tree):
    survey = services.perform(make_draft(tree["education"], anonymous=False), "publish", by=None)
    with translation.override("en"), pytest.raises(WorkflowError) as caught:
        services.submit_response(survey=survey, respondent="r1", answers=good_answers(survey))
    assert caught.value.fields == {"name": "This survey asks for your name."}
    response = services.submit_response(
        survey=survey, respondent="r1", answers=good_answers(survey), name="王五"
    )
    assert response.name == "王五"


def test_one_address_is_slowed_down_after_many_responses(client, open_survey, monkeypatch):
    monkeypatch.setattr(throttle, "COUNTER", dataclasses.replace(throttle.COUNTER, limit=2))
    for _ in range(2):
        assert answer(client, open_survey, {"answers": good_answers(open_survey)}).status_code == 201
    reply = answer(client, open_survey, {"answers": good_answers(open_survey)})
    assert reply.status_code == 429
    assert reply.json()["error"]["code"] == "too_many_responses"
