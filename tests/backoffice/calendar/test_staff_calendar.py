"""Administrators publish a new year at /staff/calendar/: from the notice or a CSV file."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.workdays.models import CalendarDay, CalendarSource, CalendarYear

D = datetime.date
NOTICE = {
    "year": "2027",
    "notice_title": "国务院办公厅关于2027年部分节假日安排的通知",
    "notice_number": "国办发明电〔2026〕1号",
    "notice_url": "https://www.gov.cn/zhengce/content/2027.htm",
}
HOLIDAYS = "2027-01-01 元旦\n2027-02-05 – 2027-02-11 春节\n"
MAKEUP = "2027-02-13 春节\n"


@pytest.fixture
def ada(make_user, tree):
    """Ada administers the city's tree."""
    return make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR)


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("notice.csv", text.encode("utf-8"), content_type="text/csv")


def test_the_list_shows_the_published_years(client, published, ada):
    client.force_login(ada)
    response = client.get("/staff/calendar/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [row.year for row in response.context["years"]][-3:] == [2026, 2025, 2024]


def test_it_sends_strangers_to_the_sign_in_page(client, published):
    response = client.get("/staff/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("path", ["/staff/calendar/", "/staff/calendar/enter/", "/staff/calendar/import/"])
def test_it_refuses_people_who_do_not_administer(client, published, alice, path):
    client.force_login(alice)
    assert client.get(path).status_code == 403
    assert client.post(path, {**NOTICE, "holidays": HOLIDAYS}).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_an_administrator_enters_2027_from_the_notice(client, published, ada):
    client.force_login(ada)
    response = client.post("/staff/calendar/enter/", {**NOTICE, "holidays": HOLIDAYS, "makeup_days": MAKEUP})
    assert response.status_code == 302
    row = CalendarYear.objects.get(year=2027)
    assert (row.source, row.notice_number) == (CalendarSource.MANUAL, "国办发明电〔2026〕1号")
    assert row.days.count() == 365
    day = {d.date: d for d in row.days.all()}
    assert (day[D(2027, 2, 8)].is_workday, day[D(2027, 2, 8)].note) == (False, "春节")
    assert (day[D(2027, 2, 13)].is_workday, day[D(2027, 2, 13)].note) == (True, "春节调休上班")
    assert day[D(2027, 3, 1)].is_workday is True  # an ordinary Monday
    assert day[D(2027, 3, 6)].is_workday is False  # an ordinary Saturday
    entry = AuditEntry.objects.get(action="calendar.publish_year", object_id=str(row.pk))
    assert entry.actor_id == ada.pk
    assert entry.after is not None
    assert "2027-02-13 春节调休上班" in entry.after["working_weekend_days"]
    # The clock now reaches into 2027.
    api = client.get("/api/v1/calendar/deadline", {"start": "2027-02-04", "working_days": 2}).json()
    assert api["due_date"] == "2027-02-13"


def test_a_superuser_may_enter_a_year(client, published, admin_user):
    client.force_login(admin_user)
    response = client.post("/staff/calendar/enter/", {**NOTICE, "holidays": HOLIDAYS})
    assert response.status_code == 302
    assert CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        (
            HOLIDAYS,
            "2027-02-15 春节",
            "2027-02-15 is a weekday: a make-up working day must be a Saturday or Sunday.",
        ),
        (HOLIDAYS + "soon 清明", "", "Days off, line 3: start with a date as YYYY-MM-DD."),
        ("2027-02-05 – 2027-02-11", "", "Days off, line 1: give the holiday&#x27;s name after the dates."),
        ("2027-02-11 – 2027-02-05 春节", "", "Days off, line 1: the last day is before the first."),
        (
            "2026-12-31 – 2027-01-01 元旦",
            "",
            "元旦: enter only days of 2027; other years have calendars of their own.",
        ),
        (HOLIDAYS, "2027-02-06 春节", "2027-02-06 is both a day off and a make-up working day."),
        (HOLIDAYS, "2027-02-30", "Make-up working days, line 1: start with a date as YYYY-MM-DD."),
    ],
)
def test_it_explains_mistakes_and_stores_nothing(client, published, ada, holidays, makeup, message):
    client.force_login(ada)
    response = client.post(
        "/staff/calendar/enter/",
        {**NOTICE, "holidays": holidays, "makeup_days": makeup},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert message in page
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not AuditEntry.objects.filter(action="calendar.publish_year", object_repr="2027").exists()


def test_it_refuses_to_overwrite_a_year_unless_told_to(client, published, ada):
    client.force_login(ada)
    form = {**NOTICE, "year": "2026", "holidays": "2026-02-16 – 2026-02-20 春节"}
    response = client.post("/staff/calendar/enter/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert "The calendar for 2026 is already published." in response.content.decode()
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).is_workday is True
    response = client.post("/staff/calendar/enter/", {**form, "replace": "on"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).is_workday is False
    entry = AuditEntry.objects.filter(action="calendar.publish_year", object_repr="2026").latest("at")
    assert entry.before is not None
    assert entry.after is not None
    assert "2026-02-14 春节调休上班" in entry.before["working_weekend_days"]
    assert entry.after["working_weekend_days"] == []


def test_an_administrator_imports_2027_from_a_csv_file(client, published, ada):
    client.force_login(ada)
    upload = csv_file(
        "date,is_workday,note\n2027-02-05,0,春节\n2027-02-08,0,春节\n2027-02-13,1,春节调休上班\n"
    )
    response = client.post("/staff/calendar/import/", {**NOTICE, "file": upload})
    assert response.status_code == 302
    row = CalendarYear.objects.get(year=2027)
    assert row.source == CalendarSource.IMPORT
    assert row.days.count() == 365
    assert CalendarDay.objects.get(date=D(2027, 2, 13)).is_workday is True
    assert CalendarDay.objects.get(date=D(2027, 2, 9)).is_workday is True  # not in the file: ordinary Tuesday
    assert AuditEntry.objects.filter(action="calendar.publish_year", object_id=str(row.pk)).count() == 1


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        (
            "date,is_workday,note\n2027-02-05,0,春节\n2027-02-08,0,春节\n2027-02-31,0,春节\n",
            ["Row 4: “2027-02-31” is not a real date as YYYY-MM-DD."],
        ),
        (
            "date,is_workday,note\n2027-02-05,0,春节\n2026-02-08,maybe,春节\n2027-02-05,0\n",
            [
                "Row 3: 2026-02-08 is not in 2027.",
                "Row 3: is_workday must be 1 (working) or 0 (day off).",
                "Row 4: 2027-02-05 is given twice (first on row 2).",
            ],
        ),
        ("day,working\n2027-02-05,0\n", ["Row 1 must be the header: date,is_workday,note."]),
        ("date,is_workday,note\n", ["The file has no days after the header row."]),
    ],
)
def test_it_reports_bad_rows_by_number_and_imports_nothing(client, published, ada, text, messages):
    client.force_login(ada)
    response = client.post(
        "/staff/calendar/import/", {**NOTICE, "file": csv_file(text)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    page = response.content.decode()
    for message in messages:
        assert message in page
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_it_refuses_a_file_that_is_not_utf8(client, published, ada):
    client.force_login(ada)
    upload = SimpleUploadedFile("notice.csv", "date,is_workday,note\n2027-02-05,0,春节\n".encode("gb18030"))
    response = client.post("/staff/calendar/import/", {**NOTICE, "file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert "The file is not UTF-8 text." in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
