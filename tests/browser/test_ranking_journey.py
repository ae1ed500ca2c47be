"""An assessment from the scheme to the published ranking, in the browser.

Olga of the city's disclosure office writes a scheme on its form (records published late, requests
replied on time with a minimum of 2, letters with a minimum of 3), looks at November's ranking with
its chart — Finance first with its single record on time, Education second — and publishes it. A
citizen finds it from the portal's footer on a phone: the chart and the table fit the screen, and
axe-core finds no serious or critical violation. The month is the oversight tests' November 2026,
built through the services (tests/oversight/conftest.py).
"""

from __future__ import annotations

import pytest

from sunshine.agencies.models import Agency
from sunshine.oversight.models import Ranking
from sunshine.workdays import services as workdays
from tests.browser.axe_support import assert_no_blocking_violations
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits
from tests.browser.staff_support import no_errors, staff
from tests.inforequests.conftest import applicant, submit, wanted  # noqa: F401
from tests.letters.conftest import answered, write, writer  # noqa: F401
from tests.oversight.conftest import month  # noqa: F401
from tests.records.conftest import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def calendar(transactional_db):
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows


def test_the_office_publishes_a_ranking_a_citizen_reads_on_a_phone(browser, live_server, tree, month):  # noqa: F811
    import datetime

    Agency.objects.update(created_at=at(datetime.date(2025, 1, 1)))
    with staff(browser, live_server.url, "olga") as olga:
        olga.goto(live_server.url + "/staff/oversight/schemes/")
        olga.locator("main a.button[href='/staff/oversight/schemes/new/']").click()
        olga.fill("#id_code", "city-2026")
        olga.fill("#id_name", "阳光市政务公开考核")
        olga.locator("#id_root").select_option(str(tree["city"].pk))
        olga.fill("#id_effective_from", "2026-01")
        olga.fill("#id_newcomer_months", "3")
        for code, weight, minimum in (("records_late", "40", "1"), ("requests_on_time", "60", "2")):
            olga.fill(f"#id_weight_{code}", weight)
            olga.fill(f"#id_minimum_{code}", minimum)
        olga.fill("#id_weight_letters_on_time", "20")
        olga.fill("#id_minimum_letters_on_time", "3")
        olga.locator("main form button[type=submit]").click()
        olga.wait_for_load_state()
        no_errors(olga)

        olga.goto(live_server.url + "/staff/oversight/rankings/city-2026/?period=2026-11")
        rows = olga.locator("table[data-table=ranking] tbody tr")
        assert rows.nth(0).get_attribute("data-agency") == "CITY-FIN"
        assert rows.nth(1).get_attribute("data-agency") == "CITY-EDU"
        assert rows.nth(1).locator("td").nth(1).inner_text().strip() == "56.67"
        assert olga.locator(".ranking-chart__bars li").count() == 2
        screenshot(olga, "ranking-staff")
        olga.locator("main form[action$='/publish/'] button").click()
        olga.wait_for_load_state()
        no_errors(olga)
        assert olga.locator("#ranking-state strong").count() == 1  # "published …"

    ranking = Ranking.objects.get(published_at__isnull=False)
    with citizen(browser, live_server.url, phone=True) as reader:
        reader.goto(live_server.url + "/")
        reader.locator("footer a[href='/oversight/rankings/']").click()
        reader.wait_for_load_state()
        reader.locator(f"main a[href='/oversight/rankings/{ranking.pk}/']").click()
        reader.wait_for_load_state()
        assert fits(reader)
        assert (
            reader.locator("table[data-table=ranking] tbody tr").first.get_attribute("data-agency")
            == "CITY-FIN"
        )
        assert_no_blocking_violations(reader, "published ranking")
        screenshot(reader, "ranking-public-phone")
