from __future__ import annotations

from tests.api_helpers import bearer, token_for
from tests.surveys.conftest import make_draft


def test_a_draft_is_changed_through_the_api(client, tree, alice):
    officer = bearer(token_for(client, "alice"))
    survey = make_draft(tree["education"])
    changed = client.patch(
        f"/api/v1/staff/surveys/{survey.pk}", {"title": "新标题"}, content_type="application/json", **officer
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "新标题"


def test_bad_questions_answer_in_the_standard_error_shape(client, tree, alice):
    officer = bearer(token_for(client, "alice"))
    body = {
        "agency": "CITY-EDU",
        "title": "调查",
        "opens_at": "2026-01-01T00:00:00+08:00",
        "closes_at": "2026-02-01T00:00:00+08:00",
        "questions": [{"kind": "single", "text": "是否？", "options": ["是"]}],
    }
    reply = client.post(
        "/api/v1/staff/surveys", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **officer
    )
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "validation_error"
    assert reply.json()["error"]["fields"] == {"questions.1": "A choice question needs at least two options."}


def test_staff_of_another_agency_do_not_see_the_survey(client, tree, fred):
    survey = make_draft(tree["education"])
    reply = client.get(f"/api/v1/staff/surveys/{survey.pk}", **bearer(token_for(client, "fred")))
    assert reply.status_code == 404
    assert (
        client.get(
            f"/api/v1/staff/surveys/{survey.pk}/responses.csv", **bearer(token_for(client, "fred"))
        ).status_code
        == 404
    )


def test_a_draft_is_not_public(client, draft):
    assert client.get(f"/api/v1/surveys/{draft.pk}").status_code == 404
