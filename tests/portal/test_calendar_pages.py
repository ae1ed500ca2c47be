"""The citizen's deadline calculator at /calendar/deadline/ and the year pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

URL = "/calendar/deadline/"


def test_the_url_name_is_the_one_the_base_template_links_to():
    assert reverse("workdays:deadline") == URL


def test_it_shows_an_empty_form_first(client, published):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b'name="start"' in response.content
    assert b"There is a problem" not in response.content


def test_it_shows_the_due_date_and_the_days_skipped_and_counted(client, published):
    response = client.get(URL, {"start": "2026-09-21", "working_days": "20"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<time datetime="2026-10-26">2026-10-26</time>' in page
    skipped = response.context["result"].special_days
    assert [d.date.isoformat() for d in skipped if not d.is_workday] == [
        "2026-09-25",
        "2026-10-01",
        "2026-10-02",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
    ]
    assert [d.date.isoformat() for d in skipped if d.is_workday] == ["2026-10-10"]
    assert "Make-up working day: counted" in page
    assert "Day off: skipped" in page


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "has not yet published the 2027 holiday arrangement"),
        ("zh-hans", "国务院尚未公布2027年节假日安排"),
    ],
)
def test_a_period_into_an_unpublished_year_gets_a_provisional_date(client, published, language, note):
    response = client.get(URL, {"start": "2026-12-20", "working_days": "20"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' not in page
    assert response.context["result"].due_date == datetime.date(2027, 1, 18)
    assert response.context["result"].provisional is True
    assert 'class="provisional-mark"' in page
    assert note in page


def test_a_period_inside_published_years_is_not_marked(client, published):
    response = client.get(URL, {"start": "2026-09-21", "working_days": "20"})
    assert response.context["result"].provisional is False
    assert "provisional-mark" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-02-30", "working_days": "5"}, "Enter a real date as YYYY-MM-DD."),
        ({"start": "", "working_days": "5"}, "This field is required."),
        ({"start": "2026-03-02", "working_days": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"start": "2026-03-02", "working_days": "abc"}, "Enter a whole number of working days."),
    ],
)
def test_it_explains_bad_input_in_an_error_summary(client, published, params, message):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert message in page
    assert page.count(message) == 2  # in the summary and beside the field
    assert "<title>Error:" in page


def test_the_year_page_lists_holidays_and_make_up_days(client, published):
    response = client.get("/calendar/2026/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    spans = [(s.name, s.first.isoformat(), s.length) for s in response.context["holidays"]]
    assert ("春节", "2026-02-15", 9) in spans
    assert ("国庆节", "2026-10-01", 7) in spans
    assert [d.date.isoformat() for d in response.context["makeup_days"]] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]


def test_the_year_page_joins_national_day_and_mid_autumn_in_2025(client, published):
    response = client.get("/calendar/2025/")
    spans = [(s.first.isoformat(), s.last.isoformat(), s.length) for s in response.context["holidays"]]
    assert ("2025-10-01", "2025-10-08", 8) in spans


def test_the_year_page_is_404_for_an_unpublished_year(client, published):
    assert client.get("/calendar/2031/").status_code == 404
