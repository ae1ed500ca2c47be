"""The lobby screen's pages through the test client: the start page shows the latest records, guides
and questions; lists page with big buttons; detail pages show only what is public."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunshine.records import services

pytestmark = pytest.mark.django_db


def html_of(client: Client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def tile(html: str, name: str) -> str:
    match = re.search(rf'<section class="lobby-tile"[^>]*data-tile="{name}">(.*?)</section>', html, re.S)
    assert match is not None, name
    return match.group(1)


def test_the_start_page_shows_the_latest_records_guides_and_questions(client, record, guide, question):
    revision = record()
    version = guide()
    entry = question()

    html = html_of(client, "/lobby/")

    assert revision.title in tile(html, "records")
    assert f'href="/lobby/records/{revision.record.index_number}/"' in tile(html, "records")
    assert version.name in tile(html, "guides")
    assert 'href="/lobby/services/EDU-001/"' in tile(html, "guides")
    assert entry.question in tile(html, "questions")
    assert f'href="/lobby/questions/{entry.pk}/"' in tile(html, "questions")


def test_the_start_page_offers_the_topic_words_of_the_settings(client, settings):
    settings.SUNSHINE_LOBBY_TOPICS = ["社保", "公积金"]

    html = html_of(client, "/lobby/")

    assert re.findall(r'class="lobby-button lobby-button--topic" href="([^"]+)"', html) == [
        "/lobby/search/?q=%E7%A4%BE%E4%BF%9D",
        "/lobby/search/?q=%E5%85%AC%E7%A7%AF%E9%87%91",
    ]


def test_the_start_page_leaves_out_drafts(client, record, guide, question):
    guide(publish=False)
    question("尚未发布的问题？", publish=False)

    html = html_of(client, "/lobby/")

    assert "No service guides have been published yet." in html
    assert "尚未发布的问题" not in html


def test_a_record_page_shows_its_catalogue_data_text_and_attachment_names(client, record):
    revision = record(document_number="阳教发〔2026〕12号")

    html = html_of(client, f"/lobby/records/{revision.record.index_number}/")

    assert revision.title in html
    assert "阳教发〔2026〕12号" in html
    assert "现将2026年义务教育招生工作有关事项通知如下。" in html
    assert "外部网站" in html  # a link's words stay, as text


def test_a_guide_page_shows_materials_steps_and_windows_with_phone_numbers_as_text(client, guide):
    guide()

    html = html_of(client, "/lobby/services/EDU-001/")

    assert "设立申请书" in html
    assert "市民中心3号窗口" in html
    assert "0571-87000001" in html
    assert "tel:" not in html


def test_a_question_page_shows_the_answer(client, question):
    entry = question()

    html = html_of(client, f"/lobby/questions/{entry.pk}/")

    assert entry.question in html
    assert "免试就近入学" in html


def test_pages_of_unpublished_items_are_not_found(client, tree, record, guide, question):
    withdrawn = record("已撤回的通知")
    services.withdraw(revision=withdrawn, by=None, reason="错误发布")
    guide("EDU-DRAFT", publish=False)
    entry = question(publish=False)

    html = html_of(client, f"/lobby/records/{withdrawn.record.index_number}/", 404)
    html_of(client, "/lobby/records/NO-SUCH-RECORD/", 404)
    html_of(client, "/lobby/services/EDU-DRAFT/", 404)
    html_of(client, f"/lobby/questions/{entry.pk}/", 404)

    assert "This page is not available" in html  # said in the lobby's frame, with the way back
    assert "已撤回的通知" not in html
    assert "site-header" not in html
    assert 'href="/lobby/"' in html


def test_a_list_pages_with_big_previous_and_next_buttons(client, question):
    for n in range(8):
        question(f"第{n}个常见问题？")

    first = html_of(client, "/lobby/questions/")
    second = html_of(client, "/lobby/questions/?page=2")

    assert "Page 1 of 2" in first
    assert 'href="/lobby/questions/?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    assert "Page 2 of 2" in second
    assert 'href="/lobby/questions/" rel="prev"' in second
    assert len(re.findall(r'class="lobby-row"', first)) == 6
    assert len(re.findall(r'class="lobby-row"', second)) == 2
