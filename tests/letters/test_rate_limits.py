"""The brakes on new letters online: per address an hour and per phone or e-mail a day, with a
question to answer near the address's limit. Over a limit: 429, nothing stored."""

from __future__ import annotations

import datetime
import re

import pytest

from sunshine.letters.models import Letter

TODAY = datetime.date(2026, 9, 30)


@pytest.fixture(autouse=True)
def today(monkeypatch, settings):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    settings.SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR = 4
    settings.SUNSHINE_LETTERS_PER_CONTACT_PER_DAY = 2
    settings.SUNSHINE_CHALLENGE_AFTER = 3
    return TODAY


def body(n: int, **overrides):
    data = {
        "agency": "CITY-EDU",
        "kind": "suggestion",
        "subject": f"建议{n}",
        "body": f"第{n}条建议的内容。",
        "writer": {"name": "陈小明", "phone": f"1380013800{n}"},
    }
    data.update(overrides)
    return data


def post(client, data, **headers):
    headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")  # messages compared in English
    return client.post("/api/v1/letters", data, content_type="application/json", **headers)


def solve(question: str) -> str:
    a, op, b = re.search(r"(\d+) (plus|minus) (\d+)", question).groups()  # type: ignore[union-attr]
    return str(int(a) + int(b) if op == "plus" else int(a) - int(b))


def test_a_writer_over_the_letters_of_the_day_gets_429_and_nothing_is_stored(client, tree):
    writer = {"name": "陈小明", "email": "chen@example.com"}
    assert post(client, body(1, writer=writer)).status_code == 201
    assert post(client, body(2, writer={**writer, "email": "CHEN@example.com"})).status_code == 201
    refused = post(client, body(3, writer=writer), REMOTE_ADDR="10.0.0.9")  # another address
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_letters"
    assert "phone number or e-mail address today" in refused.json()["error"]["message"]
    assert Letter.objects.count() == 2


def test_near_the_address_limit_the_api_asks_a_question_and_takes_the_answer(client, tree):
    for n in range(3):
        assert post(client, body(n)).status_code == 201
    asked = post(client, body(3))
    assert asked.status_code == 428
    error = asked.json()["error"]
    assert error["code"] == "challenge_required"
    assert {"challenge_id", "question"} <= set(error["fields"])
    assert Letter.objects.count() == 3
    wrong = post(
        client, {**body(3), "challenge_id": error["fields"]["challenge_id"], "challenge_answer": "-1"}
    )
    assert wrong.status_code == 428
    assert wrong.json()["error"]["fields"]["challenge_id"] != error["fields"]["challenge_id"]
    fresh = wrong.json()["error"]["fields"]
    answered = post(
        client,
        body(3),
        HTTP_X_CHALLENGE_ID=fresh["challenge_id"],
        HTTP_X_CHALLENGE_ANSWER=solve(fresh["question"]),
    )
    assert answered.status_code == 201, answered.content
    assert Letter.objects.count() == 4


def test_the_brakes_answer_in_the_site_language_when_no_other_is_asked_for(client, tree):
    writer = {"name": "陈小明", "email": "chen@example.com"}
    for n in range(2):
        assert post(client, body(n, writer=writer)).status_code == 201
    refused = client.post("/api/v1/letters", body(3, writer=writer), content_type="application/json")
    assert refused.status_code == 429
    assert "今天使用该电话号码或电子邮箱提交的来信较多" in refused.json()["error"]["message"]


def test_over_the_address_limit_the_api_answers_429(client, tree, settings):
    settings.SUNSHINE_CHALLENGE_AFTER = 99
    for n in range(4):
        assert post(client, body(n)).status_code == 201
    refused = post(client, body(5))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_letters"
    assert "connection in the last hour" in refused.json()["error"]["message"]
    assert post(client, body(5), REMOTE_ADDR="10.0.0.7").status_code == 201


def test_the_same_idempotency_key_returns_the_first_letter_without_a_brake(client, tree, settings):
    settings.SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR = 1
    first = post(client, body(1), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(client, body(1), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]


def test_staff_registering_letters_are_not_braked(client, tree, alice):
    from tests.api_helpers import bearer, token_for

    token = token_for(client, "alice")
    for n in range(6):
        response = client.post(
            "/api/v1/staff/letters",
            {
                **body(n, writer={"name": "陈", "phone": "13800138000"}),
                "received_on": "2026-09-29",
                "channel": "post",
            },
            content_type="application/json",
            **bearer(token),
        )
        assert response.status_code == 201


def form(n: int, **extra):
    return {
        "agency": "CITY-EDU",
        "kind": "suggestion",
        "subject": f"建议{n}",
        "body": f"第{n}条建议的内容。",
        "name": "陈小明",
        "phone": f"1390013900{n}",
        **extra,
    }


def test_the_write_page_shows_the_question_near_the_limit_and_refuses_without_the_answer(client, tree):
    for n in range(3):
        assert client.post("/letters/write/", form(n)).status_code == 302
    page = client.get("/letters/write/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="challenge_answer"' in page
    assert "plus" in page or "minus" in page
    refused = client.post("/letters/write/", form(3), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "Answer the question below" in refused.content.decode()
    assert Letter.objects.count() == 3
    challenge_id = re.search(r'name="challenge_id" value="([^"]+)"', refused.content.decode()).group(1)  # type: ignore[union-attr]
    question = re.search(r'for="id_challenge_answer">([^<]+)<', refused.content.decode()).group(1)  # type: ignore[union-attr]
    sent = client.post(
        "/letters/write/", form(3, challenge_id=challenge_id, challenge_answer=solve(question))
    )
    assert sent.status_code == 302
    assert Letter.objects.count() == 4


def test_the_write_page_over_the_limit_says_so_and_stores_nothing(client, tree, settings):
    settings.SUNSHINE_CHALLENGE_AFTER = 99
    for n in range(4):
        client.post("/letters/write/", form(n))
    refused = client.post("/letters/write/", form(5), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "connection in the last hour" in refused.content.decode()
    assert Letter.objects.count() == 4
