"""Dates that run into a year whose calendar is not published are provisional, never refused, and are
confirmed or moved when the year is entered (docs/legal.md#provisional-years)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from docx import Document

from sunshine.core.models import AuditEntry
from sunshine.inforequests import assignment, services
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.provisional import confirm_provisional_dates
from sunshine.workdays import services as calendar_services
from sunshine.workdays.days import HolidayRange, MakeupDay
from tests.api_helpers import bearer, token_for

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
MONDAY = D(2026, 12, 7)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    return MONDAY


def enter_2027(*, new_year_off_until: D, by=None) -> None:
    """2027's notice as an administrator enters it; only 元旦 matters to these periods."""
    calendar_services.enter_year(
        by=by,
        year=2027,
        holidays=[HolidayRange(D(2027, 1, 1), new_year_off_until, "元旦")],
        makeup_days=[MakeupDay(D(2027, 2, 20))],
        notice_title="国务院办公厅关于2027年部分节假日安排的通知",
    )


def test_an_application_in_december_is_received_with_a_provisional_due_date(submit):
    request, _key = submit(MONDAY)
    # 12-08…12-31 are 18 working days; 1 January is a statutory holiday; 1-04 and 1-05 make 20.
    assert request.due_date == D(2027, 1, 5)
    assert request.due_date_provisional is True


def test_an_application_inside_the_published_calendar_is_not_provisional(submit):
    request, _key = submit(D(2026, 11, 23))
    assert (request.due_date, request.due_date_provisional) == (D(2026, 12, 21), False)


def test_entering_the_year_confirms_an_unchanged_date_with_a_history_entry(submit):
    request, _key = submit(MONDAY)
    enter_2027(new_year_off_until=D(2027, 1, 3))
    request.refresh_from_db()
    assert (request.due_date, request.due_date_provisional) == (D(2027, 1, 5), False)
    event = request.events.get(action="confirm_dates")
    assert event.data["changes"] == [
        {"field": "due_date", "from": "2027-01-05", "to": "2027-01-05", "provisional": False}
    ]
    assert AuditEntry.objects.filter(action="inforequest.confirm_dates", object_id=str(request.pk)).exists()
    assert mail.outbox == []  # nothing moved: nobody is disturbed


def test_a_date_that_moves_is_stored_recorded_and_told_to_applicant_and_officer(
    submit, alice, django_capture_on_commit_callbacks
):
    request, _key = submit(MONDAY)
    assignment.assign(request=request, officer=alice, by=None)
    alice.email = "alice@example.gov.cn"
    alice.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(new_year_off_until=D(2027, 1, 4))  # Monday 1-04 is a day off too
    request.refresh_from_db()
    assert (request.due_date, request.due_date_provisional) == (D(2027, 1, 6), False)
    event = request.events.get(action="confirm_dates")
    assert event.data["changes"][0]["from"] == "2027-01-05"
    assert event.data["changes"][0]["to"] == "2027-01-06"
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.gov.cn", "chen@example.com"]
    assert "2027-01-05 → 2027-01-06" in mail.outbox[0].body


def test_confirming_again_changes_nothing(submit):
    submit(MONDAY)
    enter_2027(new_year_off_until=D(2027, 1, 3))
    assert confirm_provisional_dates() == 0
    assert InfoRequest.objects.get().events.filter(action="confirm_dates").count() == 1


def test_a_correction_period_into_next_year_is_provisional_and_confirmed(submit, alice):
    request, _key = submit(MONDAY)
    request = services.perform_action(
        request=request, action="request_correction", by=alice, items=["写明文件名称"], period_working_days=20
    )
    assert (request.correction_due, request.correction_due_provisional) == (D(2027, 1, 5), True)
    enter_2027(new_year_off_until=D(2027, 1, 4))
    request.refresh_from_db()
    assert (request.correction_due, request.correction_due_provisional) == (D(2027, 1, 6), False)


def test_a_step_may_still_be_dated_before_the_confirmation(submit, alice, monkeypatch):
    request, _key = submit(MONDAY)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: D(2026, 12, 10))
    enter_2027(new_year_off_until=D(2027, 1, 3))
    # The reply went out on 12-09, recorded a day after the calendar was entered.
    request = services.perform_action(
        request=request, action="reply", by=alice, date=D(2026, 12, 9), outcome="disclosed", reasons=""
    )
    assert request.status == "replied"


def test_a_concluded_request_keeps_its_dates(submit, alice):
    request, _key = submit(MONDAY)
    services.perform_action(request=request, action="reply", by=alice, outcome="disclosed", reasons="")
    enter_2027(new_year_off_until=D(2027, 1, 4))
    request.refresh_from_db()
    assert request.due_date == D(2027, 1, 5)
    assert not request.events.filter(action="confirm_dates").exists()


def test_the_applicant_reads_the_provisional_date_and_then_the_confirmation(client, submit):
    request, key = submit(MONDAY)
    answer = client.get(f"/api/v1/requests/{request.tracking_code}", HTTP_X_ACCESS_KEY=key).json()
    assert (answer["due_date"], answer["due_date_provisional"]) == ("2027-01-05", True)
    enter_2027(new_year_off_until=D(2027, 1, 4))
    answer = client.get(f"/api/v1/requests/{request.tracking_code}", HTTP_X_ACCESS_KEY=key).json()
    assert (answer["due_date"], answer["due_date_provisional"]) == ("2027-01-06", False)


def test_the_staff_queue_marks_a_provisional_due_date_on_the_page_and_in_the_api(client, submit, alice):
    request, _key = submit(MONDAY)
    client.force_login(alice)
    page = client.get("/staff/requests/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    row = page[page.index(f'data-request="{request.tracking_code}"') :]
    row = row[: row.index("</tr>")]
    assert "2027-01-05" in row
    assert 'class="provisional-mark"' in row
    assert "国务院尚未公布2027年节假日安排" in row  # the mark's title carries the reason

    client.logout()
    token = token_for(client, "alice")
    listed = client.get("/api/v1/staff/requests", **bearer(token)).json()
    (item,) = [r for r in listed["results"] if r["tracking_code"] == request.tracking_code]
    assert (item["due_date"], item["due_date_provisional"]) == ("2027-01-05", True)


def test_the_receipt_notice_says_the_date_will_be_confirmed(client, submit, alice):
    request, _key = submit(MONDAY)
    client.force_login(alice)
    response = client.get(f"/staff/requests/{request.pk}/documents/receipt.docx")
    assert response.status_code == 200
    text = "".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "2027年1月5日前（暂定日期，将在国务院公布2027年节假日安排后确认）" in text

    enter_2027(new_year_off_until=D(2027, 1, 3))
    response = client.get(f"/staff/requests/{request.pk}/documents/receipt.docx")
    text = "".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "2027年1月5日前" in text
    assert "暂定" not in text


def test_the_applicant_reads_a_moved_date_in_the_language_they_applied_in(
    submit, alice, django_capture_on_commit_callbacks
):
    request, _key = submit(MONDAY)
    InfoRequest.objects.filter(pk=request.pk).update(language="en")
    assignment.assign(request=request, officer=alice, by=None)
    alice.email = "alice@example.gov.cn"
    alice.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(new_year_off_until=D(2027, 1, 4))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "moved" in by_address["chen@example.com"].subject  # English, as applied in
    assert "moved" not in by_address["alice@example.gov.cn"].subject  # the site's language
