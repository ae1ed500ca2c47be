"""December with next year's calendar unpublished: a citizen applies and is not turned away.

On Monday 7 December 2026 only 2024–2026 are published. The reply period runs into 2027, so the
receipt gives the due date of the estimate (1 January 2027 is a statutory holiday: the 20th working
day is Tuesday 5 January), marked 暂定. The administrator then enters the 2027 notice, whose New Year
break runs to Monday 4 January; the applicant's status page shows the confirmed date, Wednesday
6 January, and the history says it moved.
"""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Role
from sunshine.inforequests.models import InfoRequest
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import apply_online
from tests.conftest import PASSWORD
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DECEMBER = datetime.date(2026, 12, 7)


@pytest.fixture
def december(transactional_db, monkeypatch) -> None:
    workdays.load_builtin_years(by=None)  # 2024–2026: 2027 is not published
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: DECEMBER)


def test_a_citizen_applies_in_december_and_sees_the_due_date_confirmed_once_2027_is_entered(
    page, phone_page, tree, make_user, december
):
    applicant = phone_page
    tracking_code, access_key = apply_online(applicant, id_number=CITIZEN_ID)

    # Received, not refused: the receipt gives the estimate's date, marked 暂定 with its reason.
    assert applicant.inner_text("#due-date") == "2027-01-05"
    receipt = applicant.inner_text("main")
    assert "暂定" in receipt
    assert "国务院尚未公布2027年节假日安排" in receipt
    assert InfoRequest.objects.get().due_date_provisional is True
    screenshot(applicant, "request-provisional-receipt-phone")

    # The administrator enters 2027 from the State Council notice.
    make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR)
    admin = page
    admin.goto(admin.base_url + "/staff/login/")
    admin.fill("#id_username", "ada")
    admin.fill("#id_password", PASSWORD)
    admin.locator("main button[type=submit]").click()
    admin.wait_for_load_state()
    warning = admin.locator('[data-warning="calendar-next-year-missing"]')
    assert warning.is_visible()
    screenshot(admin, "desk-next-year-missing")
    warning.locator("a.button").click()
    admin.wait_for_load_state()
    assert admin.input_value("#id_year") == "2027"
    admin.fill("#id_notice_title", "国务院办公厅关于2027年部分节假日安排的通知")
    admin.fill("#id_holidays", "2027-01-01 – 2027-01-04 元旦\n2027-02-05 – 2027-02-11 春节\n")
    admin.fill("#id_makeup_days", "2027-02-20 春节\n")
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_load_state()
    assert admin.url.endswith("/staff/calendar/")
    assert not admin.locator('[data-warning="calendar-next-year-missing"]').count()

    # The applicant opens the request again: the date is confirmed and the history says it moved.
    applicant.goto(applicant.base_url + "/requests/status/")
    applicant.fill("#id_tracking_code", tracking_code)
    applicant.fill("#id_access_key", access_key)
    applicant.click("button[type=submit].button")
    applicant.wait_for_load_state()
    assert applicant.inner_text("#request-due") == "2027-01-06"
    assert "暂定" not in applicant.inner_text("main")
    history = applicant.inner_text("#request-history")
    assert "官方工作日历已公布" in history
    assert "答复期限由2027-01-05调整为2027-01-06" in history
    screenshot(applicant, "request-confirmed-status-phone")
