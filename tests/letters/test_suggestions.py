"""While a letter is written: the best few common questions and published replies sharing its words,
from GET /api/v1/letters/suggestions, and the write page's small script that shows them."""

from __future__ import annotations

import datetime

import pytest

from sunshine.faq import services as faq_services

# Replies here are sent directly (their review is tested in test_reply_review.py).
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
TODAY = D(2026, 10, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def faq_entry(tree, alice, olga):
    entry = faq_services.create_entry(
        agency=tree["education"],
        by=alice,
        question="学校收取额外费用怎么办？",
        answer="学校不得收取规定以外的费用，可向教育局投诉。",
    )
    faq_services.take_action(entry=entry, action="submit", by=alice)
    return faq_services.take_action(entry=entry, action="publish", by=olga)


def suggest(client, **params):
    return client.get("/api/v1/letters/suggestions", params)


def test_common_questions_and_published_letters_like_the_text_are_suggested(client, faq_entry, answered):
    letter, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    answered(D(2026, 9, 21), D(2026, 9, 24), publish=False)  # not published: never suggested

    response = suggest(client, q="孩子学校收取额外费用", agency="CITY-EDU")

    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert {"source": "faq", "title": faq_entry.question, "url": f"/faq/{faq_entry.pk}/"} in results
    letters = [r for r in results if r["source"] == "letter"]
    assert letters == [
        {"source": "letter", "title": "学校收费问题", "url": f"/letters/{letter.tracking_code}/"}
    ]


def test_an_empty_text_or_unrelated_words_suggest_nothing(client, faq_entry, answered):
    answered(D(2026, 9, 21), D(2026, 9, 24))

    assert suggest(client, q="").json()["results"] == []
    assert suggest(client, q="天气预报").json()["results"] == []


def test_the_letters_holding_most_of_the_words_are_suggested_first(client, answered):
    most, _ = answered(D(2026, 9, 21), D(2026, 9, 23), reply="补课费已全部退还。")
    fewer, _ = answered(D(2026, 9, 21), D(2026, 9, 25), reply="已责令该校整改。")
    for day in (D(2026, 9, 26), D(2026, 9, 27)):
        answered(D(2026, 9, 21), day, reply="已责令该校整改。")

    letters = [
        r["url"] for r in suggest(client, q="学校补课费退还").json()["results"] if r["source"] == "letter"
    ]

    assert len(letters) == 3
    assert letters[0] == f"/letters/{most.tracking_code}/"
    assert f"/letters/{fewer.tracking_code}/" not in letters  # of those holding fewer, the newest


def test_letters_no_longer_public_are_not_suggested(client, tree, answered):
    answered(D(2026, 9, 21), D(2026, 9, 24))
    tree["education"].is_active = False
    tree["education"].save()

    assert suggest(client, q="学校收取额外费用").json()["results"] == []


def test_another_agencys_answers_are_not_suggested_for_an_agency(client, faq_entry, answered):
    answered(D(2026, 9, 21), D(2026, 9, 24))

    assert suggest(client, q="学校收取额外费用", agency="CITY-FIN").json()["results"] == []
    assert suggest(client, q="学校", agency="NOPE").status_code == 422


def test_the_suggestion_route_is_not_read_as_a_tracking_code(client, tree):
    assert suggest(client, q="学校").status_code == 200
    assert client.get("/api/v1/letters/statistics").status_code == 200


def test_the_write_page_works_without_the_script_which_is_local(client, tree):
    page = client.get("/letters/write/").content.decode()

    assert 'data-letter-suggestions="/api/v1/letters/suggestions"' in page
    assert 'src="/static/js/letter_suggestions.js"' in page
    assert "http://" not in page.split("<body")[0]
    assert "https://" not in page.split("<body")[0]
    assert 'method="post" action="/letters/write/"' in page
