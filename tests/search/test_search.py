"""The search contract, run on the engine of the suite's database (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from sunshine.search import segment
from sunshine.search.backends import Fts5Backend, PostgresBackend
from sunshine.search.documents import Order, SearchQuery

D = datetime.date
ORDERS: tuple[Order, ...] = ("relevance", "date")


def keys(page) -> list[str]:
    return [hit.key for hit in page.hits]


def test_the_backend_is_the_one_of_the_database_engine(backend, django_db_setup):
    from django.db import connection

    expected = {"sqlite": Fts5Backend, "postgresql": PostgresBackend}[connection.vendor]
    assert type(backend) is expected


def test_two_character_words_find_documents(backend, make_document):
    backend.index(
        [
            make_document(1, "关于2026年财政预算执行情况的通知", "各区人民政府：现将预算执行情况通知如下。"),
            make_document(2, "义务教育经费管理办法", "为加强教育经费管理，制定本办法。"),
            make_document(3, "道路交通管制公告", "因施工需要，实施交通管制。"),
        ]
    )
    assert keys(backend.search(SearchQuery("预算"))) == ["record:1"]
    assert keys(backend.search(SearchQuery("教育"))) == ["record:2"]
    assert backend.search(SearchQuery("教育")).total == 1


def test_all_words_of_the_query_must_match(backend, make_document):
    backend.index(
        [
            make_document(1, "教育经费预算", "学校预算"),
            make_document(2, "教育工作动态", "学校开学"),
        ]
    )
    assert keys(backend.search(SearchQuery("教育 预算"))) == ["record:1"]
    assert keys(backend.search(SearchQuery("教育预算"))) == ["record:1"]


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(backend, make_document):
    backend.index(
        [
            make_document(1, "工作动态", "本周召开了关于预算管理的会议，讨论若干事项和安排。"),
            make_document(2, "部门预算公开", "本部门公开了有关情况。"),
        ]
    )
    page = backend.search(SearchQuery("预算"))
    assert keys(page) == ["record:2", "record:1"]
    assert page.hits[0].score > page.hits[1].score > 0


def test_results_can_be_ordered_by_date_newest_first(backend, make_document):
    backend.index(
        [
            make_document(1, "预算公开", published_on=D(2025, 5, 1)),
            make_document(2, "预算调整", published_on=D(2026, 2, 1)),
            make_document(3, "部门预算", published_on=D(2024, 1, 9)),
        ]
    )
    page = backend.search(SearchQuery("预算", order="date"))
    assert keys(page) == ["record:2", "record:1", "record:3"]
    assert [hit.published_on for hit in page.hits] == [D(2026, 2, 1), D(2025, 5, 1), D(2024, 1, 9)]


def test_filters_narrow_the_results(backend, make_document):
    backend.index(
        [
            make_document(1, "预算 a", agency_path="/1/5/", agency_id=5),
            make_document(2, "预算 b", agency_path="/1/5/7/", agency_id=7, category="finance"),
            make_document(3, "预算 c", agency_path="/1/50/", agency_id=50, genre="report"),
            make_document(4, "预算 d", agency_path="/2/", agency_id=2, validity="repealed"),
            make_document(5, "预算 e", published_on=D(2025, 12, 31)),
        ]
    )

    def found(**filters) -> set[str]:
        return set(keys(backend.search(SearchQuery("预算", **filters))))

    assert found(agency_path_prefix="/1/5/") == {"record:1", "record:2", "record:5"}
    assert found(agency_path_prefix="/1/") == {"record:1", "record:2", "record:3", "record:5"}
    assert found(category="finance") == {"record:2"}
    assert found(genre="report") == {"record:3"}
    assert found(validity="repealed") == {"record:4"}
    assert found(date_to=D(2026, 1, 1)) == {"record:5"}
    assert found(date_from=D(2026, 1, 1)) == {"record:1", "record:2", "record:3", "record:4"}
    assert found(date_from=D(2026, 3, 1), date_to=D(2026, 3, 1), category="finance") == {"record:2"}
    assert backend.search(SearchQuery("预算", category="finance")).total == 1


def test_like_wildcards_in_the_agency_filter_are_plain_characters(backend, make_document):
    backend.index([make_document(1, "预算", agency_path="/1/5/")])
    assert backend.search(SearchQuery("预算", agency_path_prefix="/%/")).total == 0
    assert backend.search(SearchQuery("预算", agency_path_prefix="/_/")).total == 0


def test_pages_split_the_results_and_count_them_all(backend, make_document):
    backend.index(
        [
            make_document(n, f"预算 第{n}号", published_on=D(2026, 1, 1) + datetime.timedelta(days=n))
            for n in range(1, 8)
        ]
    )
    first = backend.search(SearchQuery("预算", order="date", page_size=3))
    second = backend.search(SearchQuery("预算", order="date", page_size=3, page=2))
    last = backend.search(SearchQuery("预算", order="date", page_size=3, page=3))
    beyond = backend.search(SearchQuery("预算", order="date", page_size=3, page=4))
    assert keys(first) == ["record:7", "record:6", "record:5"]
    assert keys(second) == ["record:4", "record:3", "record:2"]
    assert keys(last) == ["record:1"]
    assert keys(beyond) == []
    assert {first.total, second.total, last.total, beyond.total} == {7}
    assert (first.pages, first.has_next, first.has_previous) == (3, True, False)
    assert (last.has_next, last.has_previous) == (False, True)


def test_snippets_mark_the_matched_words_and_escape_the_text(backend, make_document):
    backend.index(
        [make_document(1, "<script>alert(1)</script>预算", "说明：<b>预算</b> & 决算 " + "其他内容" * 60)]
    )
    hit = backend.search(SearchQuery("预算")).hits[0]
    assert hit.title == "<script>alert(1)</script>预算"
    assert hit.title_html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>预算</mark>"
    assert "<mark>预算</mark>" in hit.snippet_html
    assert "&lt;b&gt;" in hit.snippet_html
    assert "&amp;" in hit.snippet_html
    assert "<b>" not in hit.snippet_html
    assert "<script>" not in hit.title_html
    assert hit.snippet_html.endswith("…")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"', []),
        ('"预算', ["record:1"]),
        ("预算*", ["record:1"]),
        ("*", []),
        ("(预算", ["record:1"]),
        ("-预算", ["record:1"]),
        ("^预算", ["record:1"]),
        ("预算 & | ! : ' \\", ["record:1"]),
        ("\x00预算", ["record:1"]),
        ("%_%", []),
        # Operator words are ordinary words: they must be in the text too.
        ("NEAR(预算 教育)", []),
        ("预算 NEAR 教育", []),
        ("预算 AND", []),
        ("AND OR NOT", []),
        ("预算 OR 教育", []),
        ("title:预算", []),
        ("'; DROP TABLE search_searchentry; --", []),
    ],
)
def test_query_syntax_in_what_people_type_never_breaks_the_search(backend, make_document, text, found):
    backend.index([make_document(1, "预算公开", "预算和教育"), make_document(2, "交通管制")])
    page = backend.search(SearchQuery(text))
    assert keys(page) == found
    assert page.total == len(found)
    assert backend.entry_count() == 2


def test_a_query_of_punctuation_only_finds_nothing_without_error(backend, make_document):
    backend.index([make_document(1, "预算公开")])
    page = backend.search(SearchQuery("？！……"))
    assert (page.total, page.hits) == (0, [])


def test_a_removed_document_disappears_at_once(backend, make_document):
    backend.index([make_document(1, "预算公开"), make_document(2, "预算调整")])
    assert backend.search(SearchQuery("预算")).total == 2
    assert backend.remove(["record:1", "record:unknown"]) == 1
    page = backend.search(SearchQuery("预算"))
    assert keys(page) == ["record:2"]
    assert page.total == 1
    assert backend.entry_count() == backend.fulltext_count() == 1


def test_indexing_a_key_again_replaces_its_text(backend, make_document):
    backend.index([make_document(1, "预算公开", "旧的正文")])
    backend.index([make_document(1, "教育公开", "新的正文", category="education")])
    assert backend.search(SearchQuery("预算")).total == 0
    page = backend.search(SearchQuery("教育"))
    assert keys(page) == ["record:1"]
    assert page.hits[0].category == "education"
    assert backend.search(SearchQuery("旧的正文")).total == 0
    assert backend.entry_count() == backend.fulltext_count() == 1


def stored_vector(key: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM search_searchentry WHERE key = %s", [key])
        return str(cursor.fetchone()[0])


def test_a_large_batch_is_indexed_and_replaced_as_one_document_at_a_time(backend, make_document):
    many = [
        make_document(n, f"预算公开第{n}号", "教育正文", published_on=datetime.date(2026, 3, n % 28 + 1))
        for n in range(1, 61)
    ]
    backend.index(many, batch_size=60)  # one write of 60 rows (PostgreSQL: through the staging table)
    backend.index([make_document(61, "预算公开第61号", "教育正文")])
    assert backend.search(SearchQuery("预算")).total == 61
    assert backend.entry_count() == backend.fulltext_count() == 61

    backend.index(
        [make_document(n, "教育调整", "新的正文", category="education") for n in range(1, 61)], batch_size=60
    )
    assert keys(backend.search(SearchQuery("预算"))) == ["record:61"]
    page = backend.search(SearchQuery("调整", category="education"))
    assert page.total == 60
    assert backend.entry_count() == backend.fulltext_count() == 61
    if connection.vendor == "postgresql":
        in_batch = stored_vector("record:7")
        backend.index([make_document(7, "教育调整", "新的正文", category="education")])  # one row: one INSERT
        assert stored_vector("record:7") == in_batch
        assert f"'{segment.facet_token('m', '202603')}':" in in_batch  # the month, for the date windows


def test_a_document_number_finds_its_record_first_whatever_brackets_are_typed(backend, make_document):
    backend.index(
        [
            make_document(
                1, "关于转发X政办发文件的通知", "根据X政办发〔2026〕12号文件精神，2026年12号号召。"
            ),
            make_document(2, "关于加强预算管理的通知", "正文", document_number="X政办发〔2026〕12号"),
            make_document(3, "另一份通知", "正文", document_number="X政办发〔2026〕13号"),
        ]
    )
    for typed in ("X政办发〔2026〕12号", "X政办发[2026]12号", "x政办发（2026）12号"):
        page = backend.search(SearchQuery(typed))
        assert keys(page)[0] == "record:2"
        assert "record:3" not in keys(page)
        assert page.total == len(page.hits)
        assert page.hits[0].document_number == "X政办发〔2026〕12号"
    assert keys(backend.search(SearchQuery("X政办发〔2026〕12号", order="date")))[0] == "record:2"


def test_the_exact_document_number_stays_first_across_pages(backend, make_document):
    backend.index(
        [make_document(n, "通知", f"依据X政办发〔2026〕12号办理第{n}项") for n in range(1, 5)]
        + [make_document(9, "原文件", document_number="X政办发〔2026〕12号")]
    )
    first = backend.search(SearchQuery("X政办发〔2026〕12号", page_size=2))
    second = backend.search(SearchQuery("X政办发〔2026〕12号", page_size=2, page=2))
    third = backend.search(SearchQuery("X政办发〔2026〕12号", page_size=2, page=3))
    assert keys(first)[0] == "record:9"
    assert first.total == second.total == third.total == 5
    shown = keys(first) + keys(second) + keys(third)
    assert sorted(shown) == ["record:1", "record:2", "record:3", "record:4", "record:9"]


def test_filters_apply_to_the_exact_document_number_too(backend, make_document):
    backend.index([make_document(1, "原文件", document_number="X政办发〔2026〕12号", category="finance")])
    assert backend.search(SearchQuery("X政办发〔2026〕12号", category="policy")).total == 0
    assert backend.search(SearchQuery("X政办发〔2026〕12号", category="finance")).total == 1


def test_latin_words_and_numbers_match_whatever_their_width_and_case(backend, make_document):
    backend.index([make_document(1, "ＰＰＰ项目 2026年", "Public Private Partnership")])
    assert keys(backend.search(SearchQuery("ppp"))) == ["record:1"]
    assert keys(backend.search(SearchQuery("２０２６ partnership"))) == ["record:1"]


def test_clearing_empties_both_parts_of_the_index(backend, make_document):
    backend.index([make_document(1, "预算公开"), make_document(2, "教育")])
    backend.clear()
    assert backend.entry_count() == backend.fulltext_count() == 0
    assert backend.search(SearchQuery("预算")).total == 0


def test_a_new_date_moves_the_document_without_leaving_its_old_words(backend, make_document):
    backend.index([make_document(1, "预算公开", "旧的正文", published_on=D(2024, 1, 1))])
    backend.index([make_document(1, "预算公开", "新的正文", published_on=D(2026, 6, 1))])
    assert backend.entry_count() == backend.fulltext_count() == 1
    assert backend.search(SearchQuery("旧的正文")).total == 0
    assert backend.search(SearchQuery("预算", date_to=D(2025, 1, 1))).total == 0
    page = backend.search(SearchQuery("预算", date_from=D(2026, 6, 1), date_to=D(2026, 6, 1)))
    assert [hit.published_on for hit in page.hits] == [D(2026, 6, 1)]
    backend.remove(["record:1"])
    assert backend.fulltext_count() == 0


def test_past_the_result_limit_the_newest_matches_are_ranked_and_the_count_says_more(
    backend, make_document, monkeypatch
):
    from sunshine.search import backends

    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    backend.index(
        [
            make_document(1, "部门预算", published_on=D(2020, 1, 1)),
            make_document(2, "工作动态", "预算", published_on=D(2026, 1, 2)),
            make_document(3, "工作动态", "预算", published_on=D(2026, 1, 3)),
            make_document(4, "部门预算", "预算", published_on=D(2026, 1, 4)),
            make_document(5, "工作动态", "预算", published_on=D(2026, 1, 1)),
            *(make_document(10 + n, "交通管制") for n in range(6)),
        ]
    )
    page = backend.search(SearchQuery("预算"))
    assert (page.total, page.total_is_exact) == (3, False)
    assert keys(page)[0] == "record:4"
    assert sorted(keys(page)) == ["record:2", "record:3", "record:4"]
    assert keys(backend.search(SearchQuery("预算", order="date"))) == [
        "record:4",
        "record:3",
        "record:2",
        "record:5",
        "record:1",
    ]
    assert backend.search(SearchQuery("预算", date_to=D(2026, 1, 2))).total_is_exact


def whole_index(backend, query: SearchQuery) -> tuple[list[str], int]:
    """The keys of the page and the counted matches, by the plain statements over the whole index."""
    from django.db import connection

    from sunshine.search.backends import parse

    parsed = parse(query)
    statements = backend.statements(query, parsed)
    with connection.cursor() as cursor:
        cursor.execute(statements.page.sql, statements.page.params)
        rows = cursor.fetchall()
        cursor.execute(statements.count.sql, statements.count.params)
        return [row[0] for row in rows], int(cursor.fetchone()[0])


def test_a_common_word_reads_the_same_page_and_count_as_over_the_whole_index(
    backend, make_document, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sunshine.search import backends

    monkeypatch.setattr(backends, "MAX_RESULTS", 4)
    newest = D(2026, 3, 1)
    documents = [
        # "预算" six times in the last ten days, "决算" four times over three years, "审计" once.
        *(
            make_document(n, f"部门预算{n}", "预算", published_on=newest - datetime.timedelta(days=n))
            for n in range(6)
        ),
        *(
            make_document(10 + n, "部门决算", "决算", published_on=newest - datetime.timedelta(days=300 * n))
            for n in range(4)
        ),
        make_document(20, "审计报告", "预算 决算", published_on=D(2019, 5, 1)),
        *(make_document(30 + n, "部门预算", "预算", published_on=D(2018, 1, 1 + n)) for n in range(3)),
    ]
    backend.index(documents)
    queries = [
        SearchQuery(text, page=page, page_size=2, order=order, date_from=date_from, date_to=date_to)
        for text in ("预算", "决算", "审计")
        for page in (1, 2)
        for order in ORDERS
        for date_from, date_to in ((None, None), (None, D(2026, 2, 25)), (D(2026, 2, 27), None))
    ]
    for query in queries:
        with CaptureQueriesContext(connection) as captured:
            page = backend.search(query)
        expected_keys, counted = whole_index(backend, query)
        assert [hit.key for hit in page.hits] == expected_keys, query
        assert (page.total, page.total_is_exact) == (min(counted, 4), counted <= 4), query
        if (
            connection.vendor == "postgresql"
            and query.text == "预算"
            and not (query.date_from or query.date_to)
        ):
            # More than four matches this month and the one before: the page was read there alone.
            window = "e.published_on >= '2026-02-01'"
            pages = [item["sql"] for item in captured.captured_queries if "OFFSET" in item["sql"]]
            assert any(window in sql for sql in pages)


def test_the_date_windows_reach_back_from_the_newest_entry_narrowest_first():
    from sunshine.search.backends import date_windows, month_token, year_token

    windows = date_windows(D(2026, 3, 15))
    assert [window.since for window in windows] == [
        D(2026, 2, 1),
        D(2025, 10, 1),
        D(2025, 1, 1),
        D(2022, 1, 1),
    ]
    assert windows[0].tokens == (month_token(D(2026, 3, 1)), month_token(D(2026, 2, 1)))
    assert windows[1].tokens[-1] == month_token(D(2025, 10, 1))
    assert windows[3].tokens == tuple(year_token(D(year, 1, 1)) for year in (2026, 2025, 2024, 2023, 2022))
