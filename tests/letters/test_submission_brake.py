"""New letters through the API and the form, past the brake on anonymous submissions shared with
requests and cases (sunshine/core/submissions.py): 429 with Retry-After, the form shown again as
typed, nothing stored. Letters send no acknowledgement (the writer sees the code and key on the page)."""

from __future__ import annotations

import pytest

from sunshine.letters.models import Letter
from tests.letters.test_portal_pages import EN, form
from tests.letters.test_rate_limits import body, post


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 2
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 5
    settings.SUNSHINE_CHALLENGE_AFTER = 100


def test_the_api_answers_429_with_retry_after_past_the_submissions_of_an_address(client, tree):
    assert post(client, body(1)).status_code == 201
    assert post(client, body(2)).status_code == 201

    refused = post(client, body(3))

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_submissions"
    assert int(refused["Retry-After"]) > 0
    assert Letter.objects.count() == 2


def test_requests_and_letters_share_the_count_of_a_contact(client, tree, settings):
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 1
    from tests.inforequests.test_requests_api import body as request_body
    from tests.inforequests.test_requests_api import post as post_request

    assert post_request(client, request_body(), REMOTE_ADDR="192.0.2.1").status_code == 201
    writer = {"name": "陈小明", "email": "chen@example.com"}

    assert post(client, body(1, writer=writer), REMOTE_ADDR="192.0.2.2").status_code == 429


def test_the_form_past_the_limit_is_shown_again_as_typed(client, tree):
    for n in range(2):
        assert (
            client.post("/letters/write/", form(form_token=f"t{n}", phone=f"1380013800{n}"), **EN).status_code
            == 302
        )

    refused = client.post("/letters/write/", form(form_token="t9", body="我写的内容都还在"), **EN)

    assert refused.status_code == 429
    assert refused["Retry-After"]
    page = refused.content.decode()
    assert "Nothing was sent" in page
    assert "我写的内容都还在" in page
    assert Letter.objects.count() == 2
