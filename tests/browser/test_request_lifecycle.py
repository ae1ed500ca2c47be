"""A request walks from the public form through correction, consultation, extension and reply.

The applicant applies online on Monday 15 December 2025; the officer asks for a correction, receives
it, consults a third party over the New Year holiday, extends the period across the 2026 Spring
Festival and replies. At every step the due date on the officer's page and on the applicant's status
page is the one counted by hand on the State Council's calendars (docs/legal.md#working-days):

- received 2025-12-15: the 20th working day after is 2026-01-13 (1–3 January are holidays,
  Sunday 4 January is a working day);
- correction asked 2025-12-17, received Monday 2025-12-22: 20 working days from then, 2026-01-20;
- third-party consultation from 2025-12-24 to 2026-01-06: the 8 working days after the start up to
  and including the end (25, 26, 29, 30, 31 December; 4, 5, 6 January) do not count: 2026-01-30;
- extension by 20 working days decided 2026-01-26: 2026-03-05 (14 and 28 February are working
  Saturdays, 15–23 February the Spring Festival);
- reply on 2026-03-03: replied, on time.
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


class Clock:
    """The site's today, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.today = datetime.date(2025, 12, 15)
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: self.today)

    def set(self, day: str) -> None:
        self.today = datetime.date.fromisoformat(day)


@pytest.fixture
def clock(transactional_db, monkeypatch) -> Clock:
    workdays.load_builtin_years(by=None)
    return Clock(monkeypatch)


def sign_in(page, username: str, password: str) -> None:
    page.goto(page.base_url + "/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def act(page, action: str, **fields: str) -> None:
    panel = page.locator(f"#action-{action}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    form = panel.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        if form.locator(f'input[type=radio][name="{name}"]').count():
            form.locator(f'input[type=radio][name="{name}"][value="{value}"]').check()
            continue
        control = form.locator(f'[name="{name}"]')
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()


def officer_sees(page, status: str, due: str) -> None:
    assert page.locator('[data-field="status"]').get_attribute("data-value") == status
    # While the clock is stopped the page says so in words and carries no due date.
    assert (page.locator('[data-field="due_date"]').get_attribute("data-value") or "") == due


def applicant_sees(browser, base_url: str, code: str, key: str, due: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "/requests/status/")
    page.fill("#id_tracking_code", code)
    page.fill("#id_access_key", key)
    page.click("button[type=submit].button")
    page.wait_for_load_state()
    assert page.inner_text("#request-due") == due
    context.close()


@pytest.mark.usefixtures("replies_without_review")  # about due dates; review: test_applicant_journey.py
def test_a_request_from_the_public_form_to_the_reply_keeps_the_lawful_due_date(
    browser, page, phone_page, tree, make_user, clock
):
    make_user("li", agency=tree["education"], role=Role.OFFICER)
    signer = make_user("wang", agency=tree["education"], role=Role.SIGNER, first_name="王主任")

    # The applicant applies on her phone.
    applicant = phone_page
    code, key = apply_online(applicant, id_number=CITIZEN_ID)
    assert applicant.inner_text("#due-date") == "2026-01-13"
    request = InfoRequest.objects.get(tracking_code=code)

    # The officer works on it in the back office, recording each step on its day.
    clock.set("2025-12-17")
    sign_in(page, "li", PASSWORD)
    detail = f"{page.base_url}/staff/requests/{request.pk}/"
    page.goto(detail)
    officer_sees(page, "received", "2026-01-13")
    act(
        page,
        "request_correction",
        date="2025-12-17",
        items="请写明所需预算表的年份\n请写明所需信息的名称",
        period_working_days="10",
    )
    officer_sees(page, "awaiting_correction", "")
    screenshot(page, "request-lifecycle-correction")

    clock.set("2025-12-22")
    page.goto(detail)
    act(page, "receive_correction", date="2025-12-22")
    officer_sees(page, "received", "2026-01-20")
    applicant_sees(browser, page.base_url, code, key, "2026-01-20")

    clock.set("2025-12-24")
    page.goto(detail)
    act(page, "start_consultation", date="2025-12-24", party="third_party")
    officer_sees(page, "in_consultation", "")

    clock.set("2026-01-06")
    page.goto(detail)
    act(page, "end_consultation", date="2026-01-06")
    officer_sees(page, "received", "2026-01-30")
    applicant_sees(browser, page.base_url, code, key, "2026-01-30")

    clock.set("2026-01-26")
    page.goto(detail)
    act(page, "extend", date="2026-01-26", working_days="20", reason="需要检索档案", approver=str(signer.pk))
    officer_sees(page, "received", "2026-03-05")
    applicant_sees(browser, page.base_url, code, key, "2026-03-05")
    screenshot(page, "request-lifecycle-extended")

    clock.set("2026-03-03")
    page.goto(detail)
    act(page, "reply", date="2026-03-03", outcome="disclosed", reasons="依据条例第三十六条第二项予以公开")
    officer_sees(page, "replied", "2026-03-05")
    request.refresh_from_db()
    assert (request.status, request.outcome, request.concluded_on) == (
        "replied",
        "disclosed",
        datetime.date(2026, 3, 3),
    )
    assert request.due_date is not None
    assert request.concluded_on is not None
    assert request.concluded_on <= request.due_date
    screenshot(page, "request-lifecycle-replied")


def test_nobody_without_the_key_sees_the_applicant_s_data(page, tree, clock):
    from sunshine.inforequests import services
    from sunshine.inforequests.services import Applicant, Wanted

    request, key = services.submit_request(
        agency=tree["education"],
        applicant=Applicant(
            kind="natural_person",
            name="陈小明",
            id_type="resident_id",
            id_number=CITIZEN_ID,
            phone="13800138000",
            email="chen@example.com",
            address="阳光市人民路1号",
        ),
        wanted=Wanted(description="预算执行情况", delivery_form="electronic", delivery_method="email"),
    )
    page.goto(page.base_url + "/requests/status/")
    page.fill("#id_tracking_code", request.tracking_code)
    page.fill("#id_access_key", "WRONG-" + key[6:])
    page.click("button[type=submit].button")
    page.wait_for_load_state()
    html = page.content()
    for secret in ("陈小明", CITIZEN_ID, "13800138000", "chen@example.com", "人民路"):
        assert secret not in html
    for path in (
        "/",
        "/agencies/CITY-EDU/",
        "/agencies/CITY-EDU/requests/statistics/?year=2025",
        "/agencies/CITY-EDU/annual-reports/2025/",
        f"/api/v1/requests/{request.tracking_code}",
    ):
        page.goto(page.base_url + path)
        for secret in ("陈小明", CITIZEN_ID, "13800138000", "chen@example.com"):
            assert secret not in page.content(), (path, secret)
