"""An inspection's whole journey, in the browser, each step taken on the pages people use.

Olga of the city's disclosure office plans a quarterly inspection of two bureaus, starts it, marks a
checklist item failed and records a finding with a screenshot. Li, the Education Bureau's officer,
answers on his phone; Olga returns the answer; Li answers again; Olga verifies it, closes the
inspection and downloads the notice of criticism (通报) as PDF and Word.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
import pytest

from sunshine.agencies.models import Role
from sunshine.inspections.models import Inspection, Rectification
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import fits
from tests.browser.staff_support import no_errors, staff
from tests.records.files import make_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.today = datetime.date(2026, 11, 12)
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: self.today)

    def set(self, day: str) -> None:
        self.today = datetime.date.fromisoformat(day)


@pytest.fixture
def clock(transactional_db, monkeypatch) -> Clock:
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    return Clock(monkeypatch)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def step(page, action: str, **fields: str) -> None:
    form = page.locator(f"#action-{action} form")
    for name, value in fields.items():
        form.locator(f'[name="{action}-{name}"]').fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def test_an_inspection_from_the_plan_to_the_notice(browser, live_server, tree, make_user, clock):
    make_user("olga", agency=tree["city"], role=Role.DISCLOSURE_OFFICE, first_name="欧督查")
    make_user("li", agency=tree["education"], role=Role.OFFICER, first_name="李信息")
    with staff(browser, live_server.url, "olga") as olga:
        olga.goto(live_server.url + "/staff/inspections/")
        olga.locator("main a.button[href='/staff/inspections/new/']").click()
        olga.fill("#id_title", "2026年第四季度政务公开检查")
        olga.locator("input[name=kind][value=quarterly]").check()
        olga.fill("#id_period", "2026年第四季度")
        olga.locator("#id_office").select_option(str(tree["city"].pk))
        for code in ("education", "finance"):
            olga.locator(f"input[name=agencies][value='{tree[code].pk}']").check()
        olga.fill("#id_items", "主动公开栏目及时更新\n依申请公开按期答复")
        olga.locator("main form button[type=submit]").click()
        olga.wait_for_load_state()
        no_errors(olga)
        inspection = Inspection.objects.get()
        assert olga.url.endswith(f"/staff/inspections/{inspection.pk}/")

        olga.locator("#action-start button").click()
        olga.wait_for_load_state()
        first = inspection.items.all()[0]
        edu = tree["education"]
        olga.locator(f'select[name="result-{first.pk}-{edu.pk}"]').select_option("fail")
        olga.fill(f'input[name="note-{first.pk}-{edu.pk}"]', "栏目自6月起未更新")
        olga.locator("#checklist button[type=submit]").click()
        olga.wait_for_load_state()
        no_errors(olga)
        assert (
            olga.locator(f'[data-agency="{edu.code}"] tr[data-item="{first.pk}"]').get_attribute(
                "data-result"
            )
            == "fail"
        )

        form = olga.locator("#new-finding form")
        form.locator("#id_agency").select_option(str(edu.pk))
        form.locator("#id_item").select_option(str(first.pk))
        form.locator("#id_text").fill("法定主动公开栏目自6月起未更新。")
        form.locator("#id_links").fill("https://www.example.gov.cn/edu/gk/")
        form.locator("#id_evidence").set_input_files(
            [{"name": "栏目截图.png", "mimeType": "image/png", "buffer": make_png()}]
        )
        form.locator("button[type=submit]").click()
        olga.wait_for_load_state()
        no_errors(olga)
        r = Rectification.objects.get()
        assert olga.url.endswith(f"/staff/inspections/rectifications/{r.pk}/")
        assert olga.locator('[data-field="evidence"] a').inner_text() == "栏目截图.png"
        screenshot(olga, "inspection-rectification-open")

        clock.set("2026-11-16")
        with staff(browser, live_server.url, "li", phone=True) as li:
            li.goto(live_server.url + f"/staff/inspections/rectifications/{r.pk}/")
            assert fits(li)
            step(li, "answer", answer="已更新栏目。")
        r.refresh_from_db()
        assert r.status == "answered"

        olga.reload()
        step(olga, "return", reason="只更新了一个页面。")
        with staff(browser, live_server.url, "li", phone=True) as li:
            li.goto(live_server.url + f"/staff/inspections/rectifications/{r.pk}/")
            step(li, "answer", answer="栏目全部页面已更新，并建立每周检查制度。")
        olga.reload()
        step(olga, "verify", note="11月16日核查栏目。")
        assert olga.locator('[data-field="status"]').get_attribute("data-value") == "closed"
        assert olga.locator("#rectification-history li").count() == 5

        olga.goto(live_server.url + f"/staff/inspections/{inspection.pk}/")
        olga.locator("#action-close button").click()
        olga.wait_for_load_state()
        no_errors(olga)
        with olga.expect_download() as download:
            olga.locator("#notice a[href$='notice.pdf']").click()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
        with olga.expect_download() as download:
            olga.locator("#notice a[href$='notice.docx']").click()
        text = "\n".join(
            p.text for p in docx.Document(io.BytesIO(Path(download.value.path()).read_bytes())).paragraphs
        )
        assert "2026年第四季度政务公开检查" in text
        assert "阳光市教育局" in text
        screenshot(olga, "inspection-closed")
