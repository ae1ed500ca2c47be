"""The red mark: a letter still open three calendar months after its receipt is marked red in the
staff queue, on its page and in the staff API (``red_mark``), and ``?red=1`` lists only those."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters import services
from tests.api_helpers import bearer, token_for

# These tests reply directly: the agencies' review and sign-off is turned off.
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def today(monkeypatch):
    def pin(day: datetime.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return pin


@pytest.fixture
def letters(write, alice):
    def paper(received: datetime.date):
        letter, _ = write(D(2026, 10, 9), by=alice, received_on=received, channel="post")
        return letter

    return {"june": paper(D(2026, 6, 30)), "july": paper(D(2026, 7, 1))}


def queue(client, token: str, query: str = "") -> dict:
    response = client.get(f"/api/v1/staff/letters{query}", **bearer(token))
    assert response.status_code == 200, response.content
    return response.json()


def test_a_letter_open_three_calendar_months_after_receipt_is_red_from_that_day(
    client, alice, letters, today
):
    token = token_for(client, "alice")
    today(D(2026, 9, 29))
    assert not any(item["red_mark"] for item in queue(client, token)["items"])
    today(D(2026, 9, 30))
    page = queue(client, token)
    assert {item["tracking_code"]: item["red_mark"] for item in page["items"]} == {
        letters["june"].tracking_code: True,
        letters["july"].tracking_code: False,
    }
    assert page["red"] == 1
    detail = client.get(f"/api/v1/staff/letters/{letters['june'].pk}", **bearer(token)).json()
    assert detail["red_mark"] is True


def test_the_queue_filter_lists_only_the_red_marked_letters(client, alice, letters, today):
    today(D(2026, 10, 1))
    red = queue(client, token_for(client, "alice"), "?red=1")
    assert [item["tracking_code"] for item in red["items"]] == [
        letters["june"].tracking_code,
        letters["july"].tracking_code,
    ]
    assert red["count"] == 2


def test_at_a_months_end_the_mark_comes_on_the_months_last_day(client, alice, write, today):
    letter, _ = write(D(2026, 1, 5), by=alice, received_on=D(2025, 11, 30), channel="post")
    token = token_for(client, "alice")
    today(D(2026, 2, 27))
    assert queue(client, token, "?red=1")["count"] == 0
    today(D(2026, 2, 28))
    assert [item["tracking_code"] for item in queue(client, token, "?red=1")["items"]] == [
        letter.tracking_code
    ]


def test_a_replied_letter_is_never_red(client, alice, letters, today):
    today(D(2026, 10, 9))
    letter = services.perform_action(letter=letters["june"], action="accept", by=alice)
    services.perform_action(letter=letter, action="reply", by=alice, text="已答复。")
    token = token_for(client, "alice")
    assert [i["tracking_code"] for i in queue(client, token, "?red=1")["items"]] == [
        letters["july"].tracking_code
    ]
    detail = client.get(f"/api/v1/staff/letters/{letter.pk}", **bearer(token)).json()
    assert detail["red_mark"] is False


def test_the_staff_pages_mark_the_letter_red_and_filter_the_queue(client, alice, letters, today):
    today(D(2026, 9, 30))
    client.force_login(alice)
    html = client.get("/staff/letters/", **EN).content.decode()
    assert html.count('data-red-mark="true" class="row--red-mark"') == 1
    assert "Red mark: unanswered for three months" in html
    assert 'href="/staff/letters/?red=1"' in html
    red_only = client.get("/staff/letters/?red=1", **EN).content.decode()
    assert letters["june"].tracking_code in red_only
    assert letters["july"].tracking_code not in red_only
    page = client.get(f"/staff/letters/{letters['june'].pk}/", **EN).content.decode()
    assert 'data-field="red_mark"' in page
    assert "since 2026-09-30" in page
    other = client.get(f"/staff/letters/{letters['july'].pk}/", **EN).content.decode()
    assert 'data-field="red_mark"' not in other
