"""The lobby's search: the words typed on the on-screen keyboard (or a topic word) find records, guides
and common questions through the portal's own searches, one kind at a time with the counts of each."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def search(client: Client, status: int = 200, **params: str) -> str:
    response = client.get("/lobby/search/", params)
    assert response.status_code == status, response.status_code
    return response.content.decode()


def titles(html: str) -> list[str]:
    found = re.findall(r'<span class="lobby-row__title">(.*?)</span>', html, re.S)
    return [re.sub(r"</?mark>", "", title) for title in found]


def counts(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-kind="(\w+)">[^<]*<span class="lobby-tab__count">(\d+)</span>', html))


def test_the_search_page_without_words_offers_the_keyboard_and_the_topic_words(client, settings):
    settings.SUNSHINE_LOBBY_TOPICS = ["户籍", "住房"]

    html = search(client)

    assert re.findall(r'class="lobby-key" type="button" data-key="(\w)"', html)[:3] == ["1", "2", "3"]
    assert re.findall(r'lobby-button--topic" type="button" data-key="(\w+)"', html) == ["户籍", "住房"]
    assert 'inputmode="none"' in html
    assert "lobby-tab" not in html


def test_words_find_records_and_the_tabs_count_each_kind(client, record, guide, question):
    notice = record()
    record("阳光市财政局2026年部门预算", body="<p>本局预算收支情况。</p>")
    guide()
    question()

    html = search(client, q="义务教育")

    assert titles(html) == [notice.title]
    assert "<mark>" in html
    assert counts(html) == {"records": "1", "guides": "0", "questions": "1"}


def test_the_questions_tab_shows_the_common_questions_found(client, question):
    entry = question()
    question("如何办理户籍迁移？", "携带户口簿到派出所办理。")

    html = search(client, q="义务教育", kind="questions")

    assert titles(html) == [entry.question]
    assert f'href="/lobby/questions/{entry.pk}/"' in html


def test_keys_typed_on_the_keyboard_find_a_guide_by_its_code(client, guide):
    guide("EDU-001")
    guide("EDU-002", name="教师资格认定")

    html = search(client, q="EDU-002", kind="guides")

    assert titles(html) == ["教师资格认定"]
    assert 'href="/lobby/services/EDU-002/"' in html


def test_nothing_found_is_said_in_words(client, record):
    record()

    html = search(client, q="XYZ123")

    assert "Nothing was found for “XYZ123”." in html


def test_too_long_a_search_is_refused_with_a_message(client):
    html = search(client, 400, q="教" * 101)

    assert "The search text is too long: at most 100 characters." in html


def test_results_page_with_big_buttons_keeping_the_words(client, question):
    for n in range(7):
        question(f"义务教育第{n}问？")

    first = search(client, q="义务教育", kind="questions")
    second = search(client, q="义务教育", kind="questions", page="2")

    assert len(titles(first)) == 6
    next_page = "/lobby/search/?q=%E4%B9%89%E5%8A%A1%E6%95%99%E8%82%B2&amp;kind=questions&amp;page=2"
    assert f'href="{next_page}" rel="next"' in first
    assert len(titles(second)) == 1
