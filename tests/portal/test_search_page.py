"""The public search page (/search/): words and filters, highlighted results, pages, and a clear
message for bad input; only published records appear."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from sunshine.records import services
from sunshine.records.models import Revision
from tests.records.conftest import at, make_draft, publish_now

pytestmark = pytest.mark.django_db

D = datetime.date
TITLE_HTML = "阳光市财政局2026年部门预算 &lt;script&gt;alert(1)&lt;/script&gt;"


def page(client: Client, **params: str) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def result_titles(html: str) -> list[str]:
    titles = re.findall(r'<h3 class="search-result__title"><a href="[^"]+">(.*?)</a></h3>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


@pytest.fixture
def budget(tree) -> Revision:
    return publish_now(
        make_draft(
            tree["finance"],
            title="阳光市财政局2026年部门预算 <script>alert(1)</script>",
            category_key="budget",
            genre="report",
            document_number="阳财发〔2026〕7号",
            body="本局2026年部门预算收支情况公开如下。",
        ),
        at(D(2026, 4, 1)),
    )


@pytest.fixture
def notice(tree) -> Revision:
    return publish_now(make_draft(tree["education"]), at(D(2026, 3, 10)))


def test_a_word_finds_the_record_with_the_word_marked(client, budget, notice):
    html = page(client, q="预算")

    assert result_titles(html) == [TITLE_HTML]
    assert f'href="/records/{budget.record.index_number}/"' in html
    assert "<mark>预算</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "阳财发〔2026〕7号" in html


def test_without_words_the_newest_published_records_are_listed(client, budget, notice):
    html = page(client)

    titles = result_titles(html)
    assert titles == [TITLE_HTML, notice.title]


def test_the_filters_narrow_the_results_and_keep_their_values(client, budget, notice, tree):
    html = page(client, agency="CITY-EDU", category="notices", date_from="2026-03-01")

    assert result_titles(html) == [notice.title]
    assert '<option value="CITY-EDU" selected>' in html
    assert '<option value="notices" selected>' in html
    assert 'name="date_from" value="2026-03-01"' in html
    assert '<details class="search-filters" open>' in html


def test_bad_input_gets_a_clear_message_in_the_language_of_the_reader(client, budget):
    response = client.get("/search/", {"agency": "NOWHERE", "date_from": "2026-13-01"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "不存在使用该代码的机关。" in html
    assert 'href="#search-agency"' in html
    assert 'href="#search-date_from"' in html
    assert 'aria-invalid="true"' in html
    assert "search-result__title" not in html


def test_a_page_after_the_last_one_says_so(client, budget):
    response = client.get("/search/", {"page": "9"})

    assert response.status_code == 404
    assert 'class="error-summary" role="alert"' in response.content.decode()


def test_the_pages_link_to_each_other_with_the_same_search(client, tree):
    for n in range(3):
        publish_now(make_draft(tree["education"], title=f"关于第{n + 1}批招生计划的通知", document_number=""))

    first = page(client, q="招生", page_size="2")
    second = page(client, q="招生", page_size="2", page="2")

    assert len(result_titles(first)) == 2
    assert len(result_titles(second)) == 1
    assert 'href="?q=%E6%8B%9B%E7%94%9F&amp;page_size=2&amp;page=2" rel="next"' in first
    assert 'rel="prev"' in second


def test_a_withdrawn_record_is_not_found(client, budget):
    services.withdraw(revision=budget, by=None, reason="撤回")

    html = page(client, q="预算")

    assert result_titles(html) == []
    assert budget.record.index_number not in html


def test_the_navigation_and_the_home_page_lead_to_the_search(client, tree):
    home = client.get("/").content.decode()
    assert 'href="/search/"' in home
    assert 'action="/search/"' in home
    assert 'href="/search/" aria-current="page"' in page(client)


def test_the_page_reads_in_english(client, budget):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/search/", {"agency": "NOWHERE"}).content.decode()

    assert "No agency has this code." in html
    assert "Search government information" in html


def test_words_typed_into_a_blank_search_page_are_ranked_by_relevance(client, db):
    html = client.get("/search/").content.decode()
    assert '<option value="relevance" selected>' in html
    assert '<option value="date" selected>' not in html
