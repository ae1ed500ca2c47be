"""Next year's missing calendar is shown to administrators from 1 October and reported by /healthz;
the calendar pages show an unpublished year as an estimate with the date it was last checked."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.workdays import services
from sunshine.workdays.models import CalendarCheck, CalendarYear

D = datetime.date


@pytest.fixture
def ada(make_user, tree):
    """Ada administers the city's tree."""
    return make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR)


def on(monkeypatch, day: D) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


def test_health_warns_from_october_without_turning_unavailable(client, published, monkeypatch, settings):
    settings.REDIS_URL = ""
    on(monkeypatch, D(2026, 9, 30))
    assert client.get("/healthz").json()["calendar"] == "ok"
    on(monkeypatch, D(2026, 10, 1))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "calendar": "next_year_missing"}


def test_health_is_ok_again_once_next_year_is_entered(client, published, monkeypatch, settings):
    settings.REDIS_URL = ""
    on(monkeypatch, D(2026, 12, 7))
    services.publish_year(
        by=None,
        year=2027,
        table=services.table_from_notice(2027, [], []),
        source="manual",
        notice_title="通知",
    )
    assert client.get("/healthz").json()["calendar"] == "ok"


def test_the_administrators_desk_links_to_entering_next_year_from_october(
    client, published, ada, monkeypatch
):
    client.force_login(ada)
    on(monkeypatch, D(2026, 9, 30))
    assert b"calendar-next-year-missing" not in client.get("/staff/").content
    on(monkeypatch, D(2026, 10, 1))
    page = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-warning="calendar-next-year-missing"' in page
    assert "/staff/calendar/enter/?year=2027" in page
    assert "2027年的工作日历尚未录入" in page


def test_an_officer_is_not_asked_to_enter_the_calendar(client, published, alice, monkeypatch):
    client.force_login(alice)
    on(monkeypatch, D(2026, 12, 7))
    assert b"calendar-next-year-missing" not in client.get("/staff/").content


def test_the_entry_form_starts_on_the_year_asked_for(client, published, ada):
    client.force_login(ada)
    response = client.get("/staff/calendar/enter/?year=2027")
    assert response.context["form"].initial["year"] == 2027


def test_an_unpublished_year_is_shown_as_an_estimate_with_its_last_check(client, published, monkeypatch):
    on(monkeypatch, D(2026, 12, 7))
    check = CalendarCheck.objects.create(package_version="1.11.0")
    # The check ran at 10:00 Beijing time on the pinned day (whatever the real clock says).
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 10, 0))
    CalendarCheck.objects.filter(pk=check.pk).update(checked_at=moment)
    response = client.get("/calendar/2027/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-provisional-year="2027"' in page
    assert "暂定" in page
    assert "2026-12-07" in page  # the day of the last check
    assert [span.name for span in response.context["holidays"]][:2] == [
        "元旦",
        "农历除夕、春节、春节（补假）",
    ]
    assert client.get("/calendar/2031/").status_code == 404  # only this year and next are estimated


def test_the_deadline_calculator_lists_the_estimated_holidays(client, published):
    response = client.get("/calendar/deadline/", {"start": "2026-12-20", "working_days": "20"})
    assert [day.date for day in response.context["result"].special_days] == [D(2027, 1, 1)]


def test_the_daily_check_loads_a_year_the_package_knows_and_records_itself(published, monkeypatch):
    CalendarYear.objects.filter(year=2026).delete()
    check = services.check_calendar(today=D(2026, 3, 1))
    assert check.years_loaded == [2026]  # chinesecalendar knows 2026, not 2027
    assert CalendarYear.objects.filter(year=2026).exists()
    assert AuditEntry.objects.filter(action="calendar.check").count() == 1
    again = services.check_calendar(today=D(2026, 3, 1))
    assert again.years_loaded == []
    assert CalendarCheck.objects.count() == 2


def test_the_check_calendar_command_reports_what_it_loaded(published):
    CalendarYear.objects.filter(year=2026).delete()
    out = io.StringIO()
    call_command("check_calendar", "--today", "2026-03-01", stdout=out)
    assert "Published the calendar for 2026." in out.getvalue()
    out = io.StringIO()
    call_command("check_calendar", "--today", "2026-03-01", stdout=out)
    assert "No new calendar year (chinesecalendar 1.11.0)." in out.getvalue()
    assert CalendarCheck.objects.count() == 2
