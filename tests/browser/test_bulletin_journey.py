"""A government bulletin issue compiled and read in the browser.

Olga of the city's disclosure office opens issue 12 of 2026, finds the city's decree, appointment
and a bureau's notice on the issue's page, adds them under their sections, moves the notice up,
previews and publishes the issue. A citizen opens it from the portal's archive, downloads the PDF
and finds its table of contents (bookmarks and the contents page) in the order of the page.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sunshine.bulletins.models import Issue
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits
from tests.browser.staff_support import no_errors, staff
from tests.bulletins.conftest import records  # noqa: F401
from tests.inforequests.test_documents import need_cjk_font

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def calendar(transactional_db):
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows


def add(page, title: str, section: str) -> None:
    page.fill("#id_q", title)
    page.locator("main form.filters button[type=submit]").click()
    page.wait_for_load_state()
    row = page.locator("main tr", has_text=title).first
    row.locator("input[name=section]").fill(section)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def test_an_issue_is_compiled_published_and_its_pdf_contents_read(browser, live_server, tree, olga, records):  # noqa: F811
    need_cjk_font()
    with staff(browser, live_server.url, "olga") as office:
        office.goto(live_server.url + "/staff/bulletins/new/")
        office.locator("#id_agency").select_option(str(tree["city"].pk))
        office.fill("#id_year", "2026")
        office.fill("#id_number", "12")
        office.fill("#id_published_on", "2026-03-20")
        office.locator("main form button[type=submit]").click()
        office.wait_for_load_state()
        no_errors(office)
        issue = Issue.objects.get(year=2026, number=12)

        add(office, records.decree.title, "市政府文件")
        add(office, records.appointment.title, "人事任免")
        add(office, records.notice.title, "市政府文件")
        screenshot(office, "bulletin-staff-issue")
        office.locator("main form[action$='/publish/'] button[type=submit]").click()
        office.wait_for_load_state()
        no_errors(office)
    issue.refresh_from_db()
    assert issue.status == "published"

    with citizen(browser, live_server.url, phone=True) as reader:
        reader.goto(live_server.url + "/bulletins/")
        reader.locator("main a[href='/bulletins/2026/12/']").click()
        reader.wait_for_load_state()
        assert fits(reader)
        listed = reader.locator("#contents li[data-order]").all_inner_texts()
        assert [records.decree.title in listed[0], records.notice.title in listed[1]] == [True, True]
        assert records.appointment.title in listed[2]
        screenshot(reader, "bulletin-portal-phone")
        # The link's PDF (shown in the browser's viewer: fetched as the viewer does).
        href = reader.locator("main a[data-download=pdf]").get_attribute("href")
        response = reader.request.get(live_server.url + href)
        assert response.headers["content-type"] == "application/pdf"
        content = response.body()

    assert content.startswith(b"%PDF")
    outline = PdfReader(io.BytesIO(content)).outline
    sections = [item.title for item in outline if not isinstance(item, list)]
    assert sections == ["市政府文件", "人事任免"]
    children = [
        [entry.title for entry in item if not isinstance(entry, list)]
        for item in outline
        if isinstance(item, list)
    ]
    assert children[0] == [records.decree.title, records.notice.title]
    assert children[1] == [records.appointment.title]
