"""GET /api/v1/calendar/deadline and /api/v1/calendar/{year}."""

from __future__ import annotations

import datetime

import pytest

from tests.workdays import reference

URL = "/api/v1/calendar/deadline"


def test_it_answers_the_due_date(client, published):
    response = client.get(URL, {"start": "2026-09-21", "working_days": 20})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-09-21",
        "working_days": 20,
        "due_date": "2026-10-26",
        "due_date_provisional": False,
    }


@pytest.mark.parametrize("n", [1, 7, 15, 20, 40])
def test_it_agrees_with_a_day_by_day_count_for_every_start_date(client, published, n):
    checked = 0
    for start in reference.all_days():
        expected = reference.naive_due_date(start, n)
        if expected is None:
            break  # from here on the period runs into 2027
        body = client.get(URL, {"start": start.isoformat(), "working_days": n}).json()
        assert body["due_date"] == expected.isoformat(), (start, n)
        checked += 1
    assert checked > 1000


def test_a_period_into_an_unpublished_year_is_answered_with_a_provisional_date(client, published):
    # 2027 is not published: Monday–Friday minus the statutory holidays (1 January a Friday).
    response = client.get(URL, {"start": "2026-12-20", "working_days": 20})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-12-20",
        "working_days": 20,
        "due_date": "2027-01-18",
        "due_date_provisional": True,
    }


def test_a_date_inside_an_unpublished_year_is_provisional_too(client, published):
    response = client.get(URL, {"start": "2027-03-01", "working_days": 1})
    assert response.json()["due_date"] == "2027-03-02"
    assert response.json()["due_date_provisional"] is True


@pytest.mark.parametrize(("language", "message"), [("en", "1990"), ("zh-hans", "1990年的工作日历尚未发布。")])
def test_only_a_year_beyond_any_estimate_is_refused(client, published, language, message):
    response = client.get(URL, {"start": "1990-03-01", "working_days": 5}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "calendar_not_published"
    assert message in error["message"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-09-21", "working_days": 0}, "working_days"),
        ({"start": "2026-09-21", "working_days": 366}, "working_days"),
        ({"start": "2026-09-21", "working_days": "x"}, "working_days"),
        ({"start": "2026-02-30", "working_days": 5}, "start"),
        ({"working_days": 5}, "start"),
    ],
)
def test_it_refuses_bad_input_in_the_standard_envelope(client, published, params, field):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"]


def test_it_lists_a_years_holidays_and_make_up_days(client, published):
    response = client.get("/api/v1/calendar/2026")
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    assert body["notice"]["title"] == "国务院办公厅关于2026年部分节假日安排的通知"
    days = {datetime.date.fromisoformat(d["date"]): d["is_workday"] for d in body["days"]}
    expected_makeup = {d for d in reference.MAKEUP_WORKING_DAYS if d.year == 2026}
    expected_off = {d for d in reference.OFF if d.year == 2026 and d.weekday() < 5}
    assert {d for d, working in days.items() if working} == expected_makeup
    assert {d for d, working in days.items() if not working} == expected_off
    assert {"date": "2026-02-14", "is_workday": True, "note": "春节调休上班"} in body["days"]


def test_it_answers_404_for_a_year_not_published(client, published):
    response = client.get("/api/v1/calendar/2031", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_openapi_document_names_the_refusal(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/calendar/deadline"]["get"]
    assert "calendar_not_published" in operation["description"]
    assert "422" in operation["responses"]
