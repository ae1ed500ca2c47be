"""axe-core finds no serious or critical accessibility violation on the annual report page, on a
desktop and on a phone, nor on the portal's home page, an agency's disclosure column and a request's
status page. On failure each violation is told: rule, impact, help and the elements concerned."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from sunshine.inforequests.codes import ApplicantKind, Outcome
from tests.annualreports.conftest import people
from tests.annualreports.publishing import publish_year
from tests.annualreports.test_annual_report_api import make_request
from tests.browser.axe_support import assert_no_blocking_violations
from tests.browser.conftest import screenshot
from tests.browser.portal_support import apply_online, citizen
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["people"]

LAST_YEAR = timezone.localdate().year - 1
WIDTHS = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])


@pytest.fixture
def annual_report(tree, people) -> str:
    """The education bureau's report on last year, computed from a year of requests (every kind of
    applicant, a spread of outcomes, some still open) and published through the workflow; the path
    of its page."""
    agency = tree["education"]
    outcomes = [Outcome.DISCLOSED, Outcome.PARTIALLY_DISCLOSED, Outcome.UNAVAILABLE_NOT_HELD, Outcome.OTHER]
    kinds = itertools.cycle(ApplicantKind.values)
    for n in range(24):
        received = datetime.date(LAST_YEAR, 1 + n % 12, 10)
        concluded = None if n % 6 == 5 else received + datetime.timedelta(days=15)
        make_request(agency, n, next(kinds), received, concluded, outcomes[n % len(outcomes)])
    publish_year(agency, LAST_YEAR, people)
    return f"/agencies/{agency.code}/annual-reports/{LAST_YEAR}/"


@WIDTHS
def test_the_annual_report_page_has_no_serious_accessibility_violation(
    browser, live_server, annual_report, phone
):
    width = "phone" if phone else "desktop"
    with citizen(browser, live_server.url, phone=phone) as page:
        page.goto(page.base_url + annual_report)
        assert page.locator("#h-overview").is_visible()  # the published report, narrative and tables
        screenshot(page, f"axe-annual-report-{width}")
        assert_no_blocking_violations(page, f"the annual report ({width})")
        if phone:  # the wide tables scroll sideways by keyboard too, from their own tab stop
            table = page.locator('section[aria-labelledby="h-table3"] .table-scroll')
            table.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("e => e.scrollLeft > 0", arg=table.element_handle())

        # The live figures of the agency and those below it (not published): the notice is shown.
        page.goto(page.base_url + annual_report + "?scope=tree")
        assert page.locator(".page-heading .notice").is_visible()
        assert_no_blocking_violations(page, f"the annual report, live figures ({width})")


@WIDTHS
def test_the_home_page_and_the_disclosure_column_have_no_serious_accessibility_violation(
    browser, live_server, annual_report, phone
):
    width = "phone" if phone else "desktop"
    with citizen(browser, live_server.url, phone=phone) as page:
        page.goto(page.base_url + "/")
        screenshot(page, f"axe-home-{width}")
        assert_no_blocking_violations(page, f"the home page ({width})")

        page.goto(page.base_url + "/agencies/CITY-EDU/")
        assert page.locator("#h-annual-reports").is_visible()
        screenshot(page, f"axe-agency-column-{width}")
        assert_no_blocking_violations(page, f"the disclosure column ({width})")


@pytest.fixture
def on_a_working_day(transactional_db, monkeypatch) -> None:
    """The work calendar the data migration loads, flushed by transactional tests, loaded again; the
    site's clock on a working day of 2026."""
    from sunshine.workdays import services

    services.load_builtin_years(by=None)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 9, 21))


@WIDTHS
def test_the_request_status_page_has_no_serious_accessibility_violation(
    browser, live_server, tree, on_a_working_day, phone
):
    width = "phone" if phone else "desktop"
    with citizen(browser, live_server.url, phone=phone) as page:
        tracking_code, access_key = apply_online(page, id_number=CITIZEN_ID)
        assert_no_blocking_violations(page, f"the receipt ({width})")
        page.goto(page.base_url + "/requests/status/")
        assert_no_blocking_violations(page, f"the status form ({width})")
        page.fill("#id_tracking_code", tracking_code)
        page.fill("#id_access_key", access_key)
        page.click("button[type=submit].button")
        page.wait_for_load_state()
        assert page.locator("#request-history").is_visible()
        screenshot(page, f"axe-request-status-{width}")
        assert_no_blocking_violations(page, f"the request's status ({width})")
