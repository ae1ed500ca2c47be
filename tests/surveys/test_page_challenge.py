"""The survey form asks the brakes' question once an address has sent a few responses."""

from __future__ import annotations

from sunshine.surveys import throttle
from sunshine.surveys.models import Response
from tests.challenge_helpers import count_from_test_client, question_on, solve
from tests.surveys.test_pages import form_data


def test_near_the_limit_the_survey_form_asks_a_question_and_needs_its_answer(client, open_survey, settings):
    settings.SUNSHINE_CHALLENGE_AFTER = 3
    url = f"/surveys/{open_survey.pk}/"
    assert 'name="challenge_answer"' not in client.get(url).content.decode()
    count_from_test_client(throttle.COUNTER, 3)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="challenge_answer"' in page
    refused = client.post(url, form_data(open_survey), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert Response.objects.count() == 0
    challenge_id, question = question_on(refused.content.decode())
    answered = {**form_data(open_survey), "challenge_id": challenge_id, "challenge_answer": solve(question)}
    assert client.post(url, answered).status_code == 302
    assert Response.objects.count() == 1
