"""A citizen reads an agency's disclosure column and its annual report in Chromium, on a desktop and on
a phone: the sections are reachable by their anchors, the report's download buttons are readable."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.annualreports.conftest import people
from tests.annualreports.publishing import publish_year
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["people"]

LAST_YEAR = timezone.localdate().year - 1
SECTIONS = ["h-guide", "h-rules", "h-catalogue", "h-annual-reports", "h-on-request"]
# The contrast of an element's text against its own background, from Chromium's computed style.
CONTRAST = """element => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b]
    .map(c => c / 255).map(c => c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const style = getComputedStyle(element);
  const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_citizen_reads_the_column_and_downloads_the_annual_report(
    browser, live_server, tree, people, phone
):
    publish_year(tree["education"], LAST_YEAR, people)
    width = "phone" if phone else "desktop"
    with citizen(browser, live_server.url, phone=phone) as page:
        page.goto(page.base_url + "/agencies/CITY-EDU/")
        assert fits(page)
        ids = page.locator("main h2[id]").evaluate_all("headings => headings.map(h => h.id)")
        assert [i for i in ids if i in SECTIONS] == SECTIONS
        screenshot(page, f"agency-column-{width}")

        page.locator(".column-nav").get_by_role("link", name="公开年报").click()
        assert page.url.endswith("#h-annual-reports")
        assert page.locator("#h-annual-reports").is_visible()
        year = page.locator(f'.report-year[data-year="{LAST_YEAR}"]')
        assert "年政府信息公开工作年度报告" in year.locator('[data-link="record"]').inner_text()

        year.locator('[data-link="page"]').click()
        page.wait_for_url(f"**/annual-reports/{LAST_YEAR}/")
        assert fits(page)
        buttons = page.locator(".report-downloads a")
        assert buttons.count() == 3
        for n in range(3):
            assert buttons.nth(n).evaluate(CONTRAST) >= 4.5
        screenshot(page, f"annual-report-{width}")
        with page.expect_download() as download:
            page.locator('[data-download="xlsx"]').click()
        assert download.value.suggested_filename.endswith(".xlsx")
