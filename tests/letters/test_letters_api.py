"""The writer's API: send a letter, follow it with the key, answer a request for information."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters.models import Letter
from sunshine.letters.services import perform_action

TODAY = datetime.date(2026, 9, 30)  # a Wednesday before National Day


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def body(**overrides):
    data = {
        "agency": "CITY-EDU",
        "kind": "consultation",
        "subject": "入学政策咨询",
        "body": "请问2027年小学入学需要哪些材料？",
        "writer": {"name": "陈小明", "phone": "13800138000", "email": "chen@example.com"},
        "publish_consent": True,
    }
    data.update(overrides)
    return data


def post(client, data, **headers):
    return client.post("/api/v1/letters", data, content_type="application/json", **headers)


def test_a_writer_sends_a_letter_and_gets_a_code_a_key_and_the_due_date(client, tree):
    response = post(client, body())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["tracking_code"].startswith("X2026-")
    assert created["access_key"]
    assert created["due_date"] == "2026-10-13"  # 8, 9, 10, 12, 13 October
    assert created["due_date_provisional"] is False
    assert {"id", "agency", "kind", "status", "received_on"} <= set(created)
    assert created["status"] == "submitted"


def test_the_key_holder_follows_the_letter_in_words(client, tree, alice):
    created = post(client, body()).json()
    letter = Letter.objects.get(pk=created["id"])
    perform_action(letter=letter, action="accept", by=alice)
    response = client.get(
        f"/api/v1/letters/{created['tracking_code']}",
        HTTP_X_ACCESS_KEY=created["access_key"],
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    followed = response.json()
    assert followed["status"] == "accepted"
    assert followed["due_date"] == "2026-10-13"
    assert [e["text"] for e in followed["events"]] == [
        "You sent the letter online.",
        "The agency accepted your letter.",
    ]
    assert "alice" not in response.content.decode()
    assert followed["reply"] is None


def test_the_writer_reads_the_reply(client, tree, alice, replies_without_review):
    created = post(client, body()).json()
    letter = Letter.objects.get(pk=created["id"])
    perform_action(letter=letter, action="accept", by=alice)
    perform_action(letter=letter, action="reply", by=alice, text="请携带户口簿和房产证明。")
    followed = client.get(
        f"/api/v1/letters/{created['tracking_code']}", HTTP_X_ACCESS_KEY=created["access_key"]
    ).json()
    assert followed["status"] == "replied"
    assert followed["reply"]["text"] == "请携带户口簿和房产证明。"


def test_a_wrong_key_answers_404_and_ten_of_them_429(client, tree):
    created = post(client, body()).json()
    url = f"/api/v1/letters/{created['tracking_code']}"
    for _n in range(10):
        assert client.get(url, HTTP_X_ACCESS_KEY="wrong").status_code == 404
    refused = client.get(url, HTTP_X_ACCESS_KEY=created["access_key"])
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_tries"
    assert int(refused["Retry-After"]) > 0


def test_no_key_is_not_a_try(client, tree):
    created = post(client, body()).json()
    assert client.get(f"/api/v1/letters/{created['tracking_code']}").status_code == 404


def test_the_same_idempotency_key_gives_the_first_letter(client, tree):
    first = post(client, body(), HTTP_IDEMPOTENCY_KEY="abc-1").json()
    again = post(client, body(), HTTP_IDEMPOTENCY_KEY="abc-1")
    assert again.status_code == 201
    assert again.json()["tracking_code"] == first["tracking_code"]
    assert again.json()["access_key"] == first["access_key"]
    assert Letter.objects.count() == 1
    reused = post(client, body(subject="另一件事"), HTTP_IDEMPOTENCY_KEY="abc-1")
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agency": "NOWHERE"}, "agency"),
        ({"kind": "petition"}, "kind"),
        ({"subject": ""}, "subject"),
        ({"writer": {"name": "陈小明", "phone": "", "email": ""}}, "writer.phone"),
        ({"writer": {"name": "陈小明", "email": "not-an-address"}}, "writer.email"),
    ],
)
def test_bad_input_answers_the_standard_error_and_stores_nothing(client, tree, overrides, field):
    response = post(client, body(**overrides))
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"], error
    assert Letter.objects.count() == 0


def test_the_writer_sends_the_information_asked_for(client, tree, alice):
    created = post(client, body(kind="complaint")).json()
    letter = Letter.objects.get(pk=created["id"])
    perform_action(letter=letter, action="accept", by=alice)
    perform_action(letter=letter, action="request_info", by=alice, items=["学校名称"])
    url = f"/api/v1/letters/{created['tracking_code']}/info"
    wrong = client.post(url, {"text": "阳光小学"}, content_type="application/json", HTTP_X_ACCESS_KEY="wrong")
    assert wrong.status_code == 404
    response = client.post(
        url, {"text": "阳光小学"}, content_type="application/json", HTTP_X_ACCESS_KEY=created["access_key"]
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    again = client.post(
        url, {"text": "阳光小学"}, content_type="application/json", HTTP_X_ACCESS_KEY=created["access_key"]
    )
    assert again.status_code == 409
