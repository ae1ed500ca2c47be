from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sunshine.search.documents import MAX_QUERY_LENGTH, SearchQuery, SearchQueryError


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_query_is_refused_with_a_message(text):
    with translation.override("en"), pytest.raises(SearchQueryError) as caught:
        SearchQuery(text)
    assert caught.value.code == "empty_query"
    assert caught.value.message == "Enter what you are looking for."


def test_a_query_longer_than_the_limit_is_refused():
    SearchQuery("预" * MAX_QUERY_LENGTH)
    with translation.override("en"), pytest.raises(SearchQueryError) as caught:
        SearchQuery("预" * (MAX_QUERY_LENGTH + 1))
    assert caught.value.code == "query_too_long"
    assert "200" in caught.value.message


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"order": "title"}, "bad_order"),
        ({"page": 0}, "bad_page"),
        ({"page": 501}, "bad_page"),
        ({"page_size": 0}, "bad_page_size"),
        ({"page_size": 101}, "bad_page_size"),
        ({"date_from": datetime.date(2026, 2, 1), "date_to": datetime.date(2026, 1, 1)}, "bad_date_range"),
        ({"agency_path_prefix": "1/5"}, "bad_agency"),
        ({"agency_path_prefix": "/1/5"}, "bad_agency"),
    ],
)
def test_impossible_paging_order_or_dates_are_refused(changes, code):
    with pytest.raises(SearchQueryError) as caught:
        SearchQuery("预算", **changes)
    assert caught.value.code == code


def test_the_text_is_kept_without_surrounding_spaces():
    assert SearchQuery("  预算  ").text == "预算"
