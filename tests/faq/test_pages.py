"""The public pages: /faq/ (search box, results, agency filter) and /faq/<id>/, linked from the
portal's navigation."""

from __future__ import annotations

from sunshine.faq import services


def test_the_page_finds_a_question_by_a_chinese_word_and_marks_it(client, published):
    entry = published()
    response = client.get("/faq/", {"q": "义务教育"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/faq/{entry.pk}/"' in html
    assert "<mark>义务教育</mark>" in html


def test_the_page_lists_an_agencys_questions_without_words(client, published, tree, olga):
    mine = published()
    other = published("财政资金怎么申请？", "答复", agency=tree["finance"], by=olga)
    html = client.get("/faq/", {"agency": "CITY-EDU"}).content.decode()
    assert f"/faq/{mine.pk}/" in html
    assert f"/faq/{other.pk}/" not in html


def test_the_page_explains_an_unknown_agency(client, db):
    response = client.get("/faq/", {"agency": "NOPE"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()


def test_the_page_says_when_nothing_matches(client, published):
    published()
    response = client.get("/faq/", {"q": "殡葬"})
    assert response.status_code == 200
    assert "search-result__title" not in response.content.decode()


def test_one_question_shows_its_answer_and_agency(client, published):
    entry = published(category="招生入学")
    html = client.get(f"/faq/{entry.pk}/").content.decode()
    assert entry.question in html
    assert "免试就近入学" in html
    assert "招生入学" in html
    assert "/agencies/CITY-EDU/" in html


def test_a_draft_has_no_page(client, draft):
    assert client.get(f"/faq/{draft().pk}/").status_code == 404


def test_the_public_interaction_page_links_to_the_common_questions(client, db):
    html = client.get("/interaction/").content.decode()
    assert 'href="/faq/"' in html


def test_a_withdrawn_question_has_no_page(client, published, rita):
    entry = published()
    services.take_action(entry=entry, action="withdraw", by=rita, input={"reason": "已过时"})
    assert client.get(f"/faq/{entry.pk}/").status_code == 404
