"""Supervisors read the calendar's changes in their audit log: the working-day calendar is no agency's
object, but every agency's deadlines are counted on it, so its rows are shown to every reader of the
audit log whatever their tree; the requests whose provisional dates it confirmed stay in their tree.

People: sam supervises East District (tests/conftest.py); ada administers the city.
"""

from __future__ import annotations

import datetime
import re

import pytest

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import services as request_services
from sunshine.inforequests.services import Applicant, Wanted
from sunshine.workdays import services as calendar_services
from sunshine.workdays.days import HolidayRange, MakeupDay
from tests.inforequests.conftest import CITIZEN_ID

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MONDAY = D(2026, 12, 7)
JANUARY_3 = D(2027, 1, 3)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    return MONDAY


@pytest.fixture
def ada(make_user, tree):
    """Ada administers the city and every agency below it: she publishes the calendar."""
    return make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR, first_name="Ada", last_name="Qian")


def enter_2027(by, *, replace: bool = False, new_year_off_until: D = JANUARY_3) -> None:
    calendar_services.enter_year(
        by=by,
        year=2027,
        holidays=[HolidayRange(D(2027, 1, 1), new_year_off_until, "元旦")],
        makeup_days=[MakeupDay(D(2027, 2, 20))],
        notice_title="国务院办公厅关于2027年部分节假日安排的通知",
        replace=replace,
    )


def submit_in_december(agency):
    request, _key = request_services.submit_request(
        agency=agency,
        applicant=Applicant(
            kind="natural_person",
            name="陈小明",
            id_type="resident_id",
            id_number=CITIZEN_ID,
            email="chen@example.com",
        ),
        wanted=Wanted(description="2025年度部门预算执行情况"),
        today=MONDAY,
    )
    return request


def rows(client) -> dict[str, str]:
    """Each row of the page's table by its action code (the newest of each)."""
    html = client.get("/staff/audit/", **EN).content.decode()
    found: dict[str, str] = {}
    for code, row in re.findall(r'<tr data-action="([^"]+)">(.*?)</tr>', html, re.S):
        found.setdefault(code, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)))
    return found


def test_a_supervisor_reads_the_publication_of_a_calendar_year(client, sam, ada):
    enter_2027(ada)
    entry = AuditEntry.objects.get(action="calendar.publish_year")
    assert entry.agency is None  # the calendar is no agency's object
    client.force_login(sam)
    row = rows(client)["calendar.publish_year"]
    assert "Calendar year published" in row
    assert "Ada Qian ada" in row
    assert "Every agency" in row
    assert "Days off on weekdays" in row


def test_a_supervisor_reads_a_corrected_year_as_its_changed_days(client, sam, ada):
    enter_2027(ada)
    enter_2027(ada, replace=True, new_year_off_until=D(2027, 1, 4))
    client.force_login(sam)
    row = rows(client)["calendar.publish_year"]
    assert "Days off on weekdays added: 2027-01-04 元旦" in row
    assert "2027-01-01" not in row  # a day off in both is no change


def test_a_supervisor_reads_the_confirmation_of_provisional_dates_in_their_tree_only(client, sam, ada, tree):
    submit_in_december(tree["health"])  # East District's
    submit_in_december(tree["finance"])  # the city's, outside Sam's tree
    enter_2027(ada)
    assert AuditEntry.objects.filter(action="inforequest.confirm_dates").count() == 2
    client.force_login(sam)
    html = client.get("/staff/audit/?action=inforequest.confirm_dates", **EN).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert html.count('<tr data-action="inforequest.confirm_dates">') == 1
    assert "Provisional dates confirmed on the published calendar" in text
    assert "Reply due date confirmed: 2027-01-05" in text
    assert "The system" in text


def test_the_daily_calendar_check_is_read_by_every_supervisor(client, sam, make_user, tree):
    calendar_services.check_calendar(today=MONDAY)
    olav = make_user("olav", agency=tree["other"], role=Role.SUPERVISOR)
    for reader in (sam, olav):
        client.force_login(reader)
        assert "Calendar package checked for newly published years" in rows(client)["calendar.check"]


def test_rows_without_an_agency_that_are_not_the_calendar_stay_with_superusers(client, sam, admin_user):
    from sunshine.accounts.tokens import issue_token

    issue_token(user=admin_user)
    client.force_login(sam)
    assert "api_token.issue" not in rows(client)
    client.force_login(admin_user)
    assert "API token issued" in rows(client)["api_token.issue"]
