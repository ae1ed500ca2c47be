"""Figures of letters per agency and period: received, replied, replied on time, average working days
from receipt to reply on the working-day clock, and the writers' ratings."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters import feedback

# Replies here are sent directly (their review is tested in test_reply_review.py).
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
TODAY = D(2026, 12, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letters(answered, write, tree):
    """Four letters to the Education Bureau in September 2026 and one to Finance."""
    # Received Monday 21 September, replied Thursday 24: 3 working days, on time.
    quick, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    # Received Wednesday 30 September, a complaint due on 27 October (National Day off), replied
    # 28 October: late; 8, 9, 10, 12–16, 19–23, 26–28 October = 16 working days.
    late, _ = answered(D(2026, 9, 30), D(2026, 10, 28))
    # A consultation received 22 September, not replied yet.
    write(D(2026, 9, 22), kind="consultation")
    # Received 23 September, replied 24 September (1 working day), not published: counted all the same.
    private, _ = answered(D(2026, 9, 23), D(2026, 9, 24), publish=False, consent=False)
    # Outside the period asked for.
    answered(D(2026, 11, 2), D(2026, 11, 3))
    feedback.rate_reply(letter=quick, rating="satisfied")
    feedback.rate_reply(letter=late, rating="dissatisfied")
    feedback.rate_reply(letter=private, rating="basically_satisfied")
    return {"quick": quick, "late": late, "private": private}


def stats(client, **params):
    return client.get("/api/v1/letters/statistics", params)


def test_the_figures_of_an_agency_in_a_period(client, letters):
    response = stats(client, agency="CITY-EDU", **{"from": "2026-09-01", "to": "2026-09-30"})

    assert response.status_code == 200, response.content
    figures = response.json()
    assert figures["agency"]["code"] == "CITY-EDU"
    assert figures["from"] == "2026-09-01"
    assert figures["to"] == "2026-09-30"
    assert figures["received"] == 4
    assert figures["replied"] == 3
    assert figures["replied_on_time"] == {"count": 2, "of": 3, "rate": 0.6667}
    assert figures["average_working_days"] == 6.7  # (3 + 16 + 1) / 3
    assert figures["satisfaction"]["counts"] == {"satisfied": 1, "basically_satisfied": 1, "dissatisfied": 1}
    assert figures["satisfaction"]["satisfied"] == {"count": 2, "of": 3, "rate": 0.6667}


def test_an_agency_counts_the_agencies_below_it_and_none_counts_all(client, letters):
    above = stats(client, agency="CITY", **{"from": "2026-09-01", "to": "2026-12-01"}).json()
    elsewhere = stats(client, agency="OTHER", **{"from": "2026-09-01", "to": "2026-12-01"}).json()
    everything = stats(client).json()  # 1 January to today

    assert above["received"] == 5
    assert elsewhere["received"] == 0
    assert elsewhere["average_working_days"] is None
    assert elsewhere["replied_on_time"]["rate"] is None
    assert everything["received"] == 5
    assert everything["from"] == "2026-01-01"


def test_a_reopened_letter_counts_its_latest_rating_and_is_not_replied_while_open(client, letters):
    feedback.reopen_letter(letter=letters["late"], today=D(2026, 11, 2))

    figures = stats(client, agency="CITY-EDU", **{"from": "2026-09-01", "to": "2026-09-30"}).json()

    assert figures["replied"] == 2
    assert figures["satisfaction"]["counts"]["dissatisfied"] == 1


def test_a_bad_period_or_agency_is_refused_with_field_messages(client, tree):
    backwards = stats(client, **{"from": "2026-10-01", "to": "2026-09-01"})
    unknown = stats(client, agency="NOPE")

    assert backwards.status_code == 422
    assert "to" in backwards.json()["error"]["fields"]
    assert unknown.status_code == 422
    assert "agency" in unknown.json()["error"]["fields"]


def test_the_statistics_page_shows_the_figures(client, letters):
    page = client.get(
        "/letters/statistics/", {"agency": "CITY-EDU", "from": "2026-09-01", "to": "2026-09-30"}
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="stat-received">4<' in html
    assert 'id="stat-on-time">2 / 3' in html
    assert 'id="stat-days">6.7<' in html
    assert 'id="stat-satisfied">2 / 3' in html
    assert client.get("/letters/statistics/", {"from": "yesterday"}).status_code == 400
