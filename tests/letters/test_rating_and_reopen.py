"""The writer rates the reply once (API and follow page) and, dissatisfied, reopens the letter once:
back to ``accepted`` with a new reply period from the day of reopening; the office reads the rating."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.letters.models import Letter

# Replies here are sent directly (their review is tested in test_reply_review.py).
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
TODAY = D(2026, 10, 20)  # a Tuesday
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def replied(answered):
    return answered(D(2026, 9, 21), D(2026, 9, 24))


def rate(client, letter, key, **body):
    return client.post(
        f"/api/v1/letters/{letter.tracking_code}/rating",
        body,
        content_type="application/json",
        HTTP_X_ACCESS_KEY=key,
        **EN,
    )


def reopen(client, letter, key):
    return client.post(f"/api/v1/letters/{letter.tracking_code}/reopen", HTTP_X_ACCESS_KEY=key, **EN)


def test_the_writer_rates_the_reply_once_with_a_comment(client, replied):
    letter, key = replied

    first = rate(client, letter, key, rating="basically_satisfied", comment="答复及时")
    second = rate(client, letter, key, rating="satisfied")

    assert first.status_code == 200, first.content
    assert first.json()["rating"]["rating"] == "basically_satisfied"
    assert first.json()["rating"]["comment"] == "答复及时"
    assert first.json()["may_rate"] is False
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "already_rated"
    assert AuditEntry.objects.filter(action="letter.rate").count() == 1
    history = client.get(f"/api/v1/letters/{letter.tracking_code}", HTTP_X_ACCESS_KEY=key, **EN).json()
    assert "You rated the reply: Basically satisfied." in [e["text"] for e in history["events"]]


def test_a_rating_code_outside_the_three_is_refused_and_nothing_is_stored(client, replied):
    letter, key = replied

    response = rate(client, letter, key, rating="great")

    assert response.status_code == 422
    assert "rating" in response.json()["error"]["fields"]
    assert not letter.ratings.exists()


def test_a_letter_without_a_reply_cannot_be_rated(client, write):
    letter, key = write(D(2026, 10, 19))

    response = rate(client, letter, key, rating="satisfied")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_replied"


def test_wrong_keys_count_towards_the_brake(client, replied):
    letter, key = replied
    for _n in range(10):
        assert rate(client, letter, "wrong", rating="satisfied").status_code == 404
    refused = rate(client, letter, key, rating="satisfied")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_tries"


def test_dissatisfied_the_writer_reopens_once_with_a_new_period(client, replied):
    letter, key = replied
    rate(client, letter, key, rating="dissatisfied", comment="没有回答我的问题")

    reopened = reopen(client, letter, key)
    again = reopen(client, letter, key)

    assert reopened.status_code == 200, reopened.content
    data = reopened.json()
    assert data["status"] == "accepted"
    assert data["reopened_on"] == "2026-10-20"
    # 15 working days after Tuesday 20 October 2026, that day not counted
    assert data["due_date"] == "2026-11-10"
    assert data["reply"] is None
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_reopened"
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.clock_start == TODAY
    assert stored.events.filter(action="reopen").get().data["previous_replied_on"] == "2026-09-24"
    entry = AuditEntry.objects.get(action="letter.reopen")
    assert (entry.before or {})["status"] == "replied"
    assert (entry.after or {})["status"] == "accepted"


def test_a_letter_rated_satisfied_cannot_be_reopened(client, replied):
    letter, key = replied
    rate(client, letter, key, rating="satisfied")

    response = reopen(client, letter, key)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_dissatisfied"


def test_after_reopening_the_new_reply_can_be_rated_but_not_reopened(client, replied, alice):
    from sunshine.letters.services import perform_action

    letter, key = replied
    rate(client, letter, key, rating="dissatisfied")
    reopen(client, letter, key)
    perform_action(
        letter=Letter.objects.get(pk=letter.pk), action="reply", by=alice, text="补充答复", publish=True
    )

    rated = rate(client, letter, key, rating="dissatisfied")

    assert rated.status_code == 200
    assert rated.json()["rating"]["after_reopening"] is True
    assert rated.json()["may_reopen"] is False
    assert reopen(client, letter, key).json()["error"]["code"] == "already_reopened"


def test_the_office_reads_the_rating_in_the_staff_api_and_on_the_letter_page(client, replied, alice):
    letter, key = replied
    rate(client, letter, key, rating="dissatisfied", comment="没有回答我的问题")
    client.force_login(alice)

    staff = client.get(f"/api/v1/staff/letters/{letter.pk}", **EN).json()
    page = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()

    assert staff["rating"]["rating"] == "dissatisfied"
    assert staff["rating"]["comment"] == "没有回答我的问题"
    assert 'id="letter-rating"' in page
    assert "没有回答我的问题" in page
    assert "Dissatisfied" in page


def follow_data(letter, key, **extra):
    return {"tracking_code": letter.tracking_code, "access_key": key, **extra}


def test_the_writer_rates_and_reopens_on_the_follow_page(client, replied):
    letter, key = replied

    page = client.post("/letters/follow/", follow_data(letter, key), **EN).content.decode()
    assert 'action="/letters/follow/rating/"' in page
    rated = client.post("/letters/follow/rating/", follow_data(letter, key, rating="dissatisfied"), **EN)
    assert rated.status_code == 200
    assert 'id="reopen-form"' in rated.content.decode()
    reopened = client.post("/letters/follow/reopen/", follow_data(letter, key), **EN)
    assert reopened.status_code == 200
    assert Letter.objects.get(pk=letter.pk).status == "accepted"
    second = client.post("/letters/follow/reopen/", follow_data(letter, key), **EN)
    assert second.status_code == 409
    assert "only once" in second.content.decode()


def test_a_rating_form_without_a_choice_shows_the_error_and_stores_nothing(client, replied):
    letter, key = replied

    response = client.post("/letters/follow/rating/", follow_data(letter, key, rating=""), **EN)

    assert response.status_code == 400
    assert "Choose a rating." in response.content.decode()
    assert not letter.ratings.exists()
