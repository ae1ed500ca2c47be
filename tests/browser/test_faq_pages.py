"""The common questions on a phone and a desktop: a reader types words, opens a question, and axe-core
finds no serious or critical accessibility violation on either page."""

from __future__ import annotations

import pytest

from tests.browser.axe_support import assert_no_blocking_violations
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen
from tests.faq.conftest import draft, published, rita

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["draft", "published", "rita"]
WIDTHS = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])


@WIDTHS
def test_a_reader_finds_a_question_by_a_word_and_reads_its_answer(browser, live_server, published, phone):
    width = "phone" if phone else "desktop"
    entry = published(category="招生入学")
    with citizen(browser, live_server.url, phone=phone) as page:
        page.goto(page.base_url + "/faq/")
        page.fill("#search-q", "义务教育")
        page.click(".search-box__row button")
        assert page.locator(".search-result mark").first.inner_text() == "义务教育"
        screenshot(page, f"faq-search-{width}")
        assert_no_blocking_violations(page, f"the common questions search ({width})")

        page.click(f"a[href='/faq/{entry.pk}/']")
        assert "免试就近入学" in page.locator(".faq-entry").inner_text()
        screenshot(page, f"faq-entry-{width}")
        assert_no_blocking_violations(page, f"a common question ({width})")
