"""The comment form asks the brakes' question once an address has sent a few comments."""

from __future__ import annotations

from sunshine.solicitations import throttle
from sunshine.solicitations.models import Comment
from tests.challenge_helpers import count_from_test_client, question_on, solve

COMMENT = {"text": "建议增加学位。", "contact": "li@example.com", "name": ""}


def test_near_the_limit_the_comment_form_asks_a_question_and_needs_its_answer(
    client, open_solicitation, settings
):
    settings.SUNSHINE_CHALLENGE_AFTER = 3
    url = f"/solicitations/{open_solicitation.pk}/"
    assert 'name="challenge_answer"' not in client.get(url).content.decode()
    count_from_test_client(throttle.COUNTER, 3)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="challenge_answer"' in page
    refused = client.post(url, COMMENT, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert Comment.objects.count() == 0
    challenge_id, question = question_on(refused.content.decode())
    sent = client.post(url, {**COMMENT, "challenge_id": challenge_id, "challenge_answer": solve(question)})
    assert sent.status_code == 302
    assert Comment.objects.count() == 1
