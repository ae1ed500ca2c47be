from __future__ import annotations

from sunshine.surveys import services
from sunshine.surveys.models import Response
from tests.surveys.conftest import close, ids


def form_data(survey):
    q, o = ids(survey)
    return {
        f"q{q[0]}": str(o[0][1]),
        f"q{q[1]}": [str(o[1][0]), str(o[1][1])],
        f"q{q[2]}": "2",
        f"q{q[3]}": "",
    }


def test_the_list_shows_published_surveys_only(client, draft, tree):
    assert "义务教育招生工作满意度调查" not in client.get("/surveys/").content.decode()
    services.perform(draft, "publish", by=None)
    page = client.get("/surveys/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "义务教育招生工作满意度调查" in page.content.decode()


def test_an_open_survey_shows_its_form_and_takes_answers_once(client, open_survey):
    page = client.get(f"/surveys/{open_survey.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'type="radio"' in page.content.decode()
    sent = client.post(f"/surveys/{open_survey.pk}/", form_data(open_survey), HTTP_ACCEPT_LANGUAGE="en")
    assert sent.status_code == 302
    assert Response.objects.count() == 1
    again = client.get(f"/surveys/{open_survey.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have already answered this survey." in again
    refused = client.post(f"/surveys/{open_survey.pk}/", form_data(open_survey), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409
    assert Response.objects.count() == 1


def test_a_bad_answer_is_shown_beside_its_question(client, open_survey):
    q, _ = ids(open_survey)
    data = {k: v for k, v in form_data(open_survey).items() if k != f"q{q[2]}"}
    page = client.post(f"/surveys/{open_survey.pk}/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 422
    assert "Answer this question." in page.content.decode()
    assert Response.objects.count() == 0


def test_a_closed_survey_shows_no_form(client, open_survey):
    page = client.get(f"/surveys/{close(open_survey).pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This survey has closed." in page
    assert 'type="radio"' not in page


def test_the_public_interaction_page_links_to_surveys(client, tree):
    assert 'href="/surveys/"' in client.get("/interaction/").content.decode()
