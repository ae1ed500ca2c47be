"""A licence application's whole journey, in the browser, each step taken on the pages people use.

The Education Bureau's licence 民办学校设立审批 asks for the application and the founders' identity
documents, and — only "when there are donations" — the proof of where the donated assets come from.
陈小明 applies online with the two required materials only (the pages let her send it without the
conditional one). The officer reads in the application that there are donations and sends the
one-time notice of missing items, ticking the conditional material with the reason. On her phone,
from her private link, she sees exactly that item and why, and uploads it beside it; the case goes
back to review. The officer accepts it, suspends the clock for an expert review, resumes it and
extends the promised period with the signer's approval. The nightly sweep runs for each day the
test moves to: the supervisor's dashboard lists the case yellow, then red once the promised date is
past. The officer approves the licence; she downloads the certificate (a PDF) and rates the service
2 (不满意, a bad rating). The officer answers the rectification, the disclosure office records the
return visit and verifies it.

Dates: November 2026 has no holiday, every weekday counts. Promised 10 working days, statutory 20.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from sunshine.agencies.models import Role
from sunshine.cases.models import Case
from sunshine.eservices import services as catalogue
from sunshine.evaluations.models import Rectification
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits
from tests.browser.staff_support import no_errors, staff
from tests.cases.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font
from tests.records.files import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "EDU-LIC-9"
PDF = "application/pdf"
DONATION_REASON = "申请书写明有社会捐赠，须提交捐赠资产的来源证明"


class Clock:
    """The site's today, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.today = datetime.date(2026, 11, 2)
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: self.today)

    def set(self, day: str) -> None:
        self.today = datetime.date.fromisoformat(day)


@pytest.fixture
def clock(transactional_db, monkeypatch, settings, tmp_path) -> Clock:
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return Clock(monkeypatch)


@pytest.fixture
def people(tree, make_user) -> dict[str, Any]:
    education, city = tree["education"], tree["city"]
    return {
        "officer": make_user("li", agency=education, role=Role.OFFICER, first_name="李办理"),
        "reviewer": make_user("rita", agency=education, role=Role.REVIEWER),
        "signer": make_user("zhang", agency=education, role=Role.SIGNER, first_name="张签发"),
        "supervisor": make_user("zhou", agency=city, role=Role.SUPERVISOR, first_name="周监察"),
        "office": make_user("olga", agency=city, role=Role.DISCLOSURE_OFFICE, first_name="欧公开"),
    }


@pytest.fixture
def licence(tree, people) -> None:
    """The published guide: two required materials and one required only when there are donations."""
    version = catalogue.create_item(
        agency=tree["education"],
        by=people["officer"],
        code=CODE,
        fields={
            "name": "民办学校设立审批",
            "kind": "licensing",
            "legal_basis": "《中华人民共和国民办教育促进法》第十二条",
            "conditions": "举办者具有政府规定的资质。",
            "statutory_days": 20,
            "promised_days": 10,
            "handling_type": "promised",
            "free": True,
            "fees": "",
            "fee_basis": "",
            "contact_phone": "0571-87000001",
            "supervision_phone": "0571-87000002",
            "online_level": 2,
        },
        materials=[
            {"key": "application", "name": "设立申请书", "form": "original", "copies": 1, "required": True},
            {"key": "founders", "name": "举办者身份证明", "form": "copy", "copies": 1, "required": True},
            {
                "key": "donation",
                "name": "捐赠资产来源证明",
                "form": "copy",
                "copies": 1,
                "required": False,
                "condition": "有社会捐赠的",
            },
        ],
        steps=[
            {"key": "accept", "name": "受理", "role": "窗口", "days": 1},
            {"key": "review", "name": "审查", "role": "业务处室", "days": 7},
            {"key": "decide", "name": "决定", "role": "局领导", "days": 2},
        ],
        windows=[],
        events=["education"],
    )
    catalogue.take_action(version=version, action="submit", by=people["officer"])
    catalogue.take_action(version=version, action="publish", by=people["reviewer"])


# --- The applicant's steps ------------------------------------------------------------------------


def a_pdf(file_name: str) -> dict[str, Any]:
    return {"name": file_name, "mimeType": PDF, "buffer": make_pdf(f"scan of {len(file_name)}")}


def upload_on_the_task_list(page: Any, name: str, file_name: str) -> None:
    page.locator("#material-tasks a", has_text=name).click()
    page.set_input_files("#id_file", files=[a_pdf(file_name)])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def apply_online_with_the_required_materials_only(page: Any) -> str:
    """From the guide's start button to the receipt; the private link of the receipt."""
    page.goto(f"{page.base_url}/services/{CODE}/")
    page.locator("#apply-online").click()
    page.locator("#task-details a").click()
    page.fill("#id_name", "陈小明")
    page.fill("#id_id_number", CITIZEN_ID)
    page.fill("#id_phone", "13800138000")
    page.fill("#id_email", "chen@example.com")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)
    assert "有社会捐赠的" in page.inner_text("#task-donation")  # offered, not required
    upload_on_the_task_list(page, "设立申请书", "设立申请书.pdf")
    upload_on_the_task_list(page, "举办者身份证明", "身份证明.pdf")
    page.locator("#task-check a").click()
    assert "110105********002X" in page.inner_text("#answers-who")
    page.locator("#send-application").click()
    page.wait_for_load_state()
    return str(page.locator("#private-link").get_attribute("href"))


def upload_the_missing_item(page: Any, key: str, file_name: str) -> None:
    form = page.locator(f"#material-{key} form")
    form.locator("input[type=file]").set_input_files(files=[a_pdf(file_name)])
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#case-notice").count() == 1, page.inner_text("main")


def download_the_certificate(page: Any) -> bytes:
    with page.expect_download() as download:
        page.locator('#case-documents form[action$="/certificate/"] button').click()
    assert download.value.suggested_filename.endswith(".pdf")
    return Path(download.value.path()).read_bytes()


def rate_the_service(page: Any, level: int, comment: str) -> None:
    form = page.locator("#evaluation-form")
    form.locator(f'input[name="level"][value="{level}"]').check()
    form.locator('[name="comment"]').fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


# --- The staff's steps ------------------------------------------------------------------------------


def take_step(page: Any, action: str, **fields: str | list[str]) -> None:
    """Fill and send the form of ``action`` in the case's (or rectification's) "Next steps"."""
    form = page.locator(f"#action-{action} form")
    for name, value in fields.items():
        control = form.locator(f'[name="{action}-{name}"]')
        if isinstance(value, list):
            for choice in value:
                form.locator(f'[name="{action}-{name}"][value="{choice}"]').check()
        elif control.first.get_attribute("type") == "radio":
            form.locator(f'[name="{action}-{name}"][value="{value}"]').check()
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def status_of(page: Any) -> str:
    return str(page.locator('[data-field="status"]').get_attribute("data-value"))


def run_the_nightly_sweep(clock: Clock, day: str) -> None:
    """What the timer does each night (cases_sweep runs the supervision sweep), for ``day``."""
    clock.set(day)
    call_command("cases_sweep", "--today", day, stdout=io.StringIO())


def cases_on_the_dashboard(page: Any, level: str) -> list[str]:
    """The supervisor opens the overview and follows the link of the level's warning."""
    page.goto(page.base_url + "/staff/supervision/")
    page.locator(f'main a[href$="?level={level}"]').click()
    page.wait_for_load_state()
    rows = page.locator(f'tr[data-level="{level}"]').all()
    return [str(row.get_attribute("data-case")) for row in rows]


# --- The journey ------------------------------------------------------------------------------------


def test_a_licence_applied_for_online_with_a_missing_item_is_supervised_decided_rated_and_rectified(
    browser, live_server, tree, people, licence, clock, mailoutbox
):
    need_cjk_font()  # the certificate is a PDF in Chinese
    base = live_server.url

    # Monday 2 November: she applies online with the two required materials.
    with citizen(browser, base) as applicant:
        link = apply_online_with_the_required_materials_only(applicant)
    case = Case.objects.get()
    assert (case.status, case.channel, case.received_on) == ("submitted", "online", clock.today)
    detail = f"{base}/staff/cases/{case.pk}/"

    # Tuesday: the officer sends the one-time notice, naming the conditional material and why.
    clock.set("2026-11-03")
    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        take_step(officer, "notify_missing", materials=["donation"], reason_donation=DONATION_REASON)
        assert status_of(officer) == "awaiting_materials"
    notice = [m for m in mailoutbox if m.to == ["chen@example.com"] and "捐赠资产来源证明" in m.body]
    assert len(notice) == 1
    assert DONATION_REASON in notice[0].body

    # Wednesday, on her phone: the page says exactly what to add and why; she uploads it beside it.
    clock.set("2026-11-04")
    with citizen(browser, base, phone=True) as applicant:
        applicant.goto(link)
        missing = applicant.inner_text("#missing-items")
        assert "捐赠资产来源证明" in missing
        assert DONATION_REASON in missing
        assert "设立申请书" not in missing
        assert DONATION_REASON in applicant.inner_text("#material-donation")
        assert fits(applicant)
        screenshot(applicant, "case-journey-missing-phone")
        upload_the_missing_item(applicant, "donation", "捐赠资产来源证明.pdf")
        assert applicant.locator("#missing-box").count() == 0
        assert fits(applicant)
        screenshot(applicant, "case-journey-missing-sent-phone")
    case.refresh_from_db()
    assert case.status == "submitted"  # back to review, complete on 4 November

    # The officer accepts it, stops the clock for an expert review, resumes it and extends it.
    clock.set("2026-11-05")
    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        assert "捐赠资产来源证明.pdf" in officer.inner_text("#case-materials")
        take_step(officer, "accept")
        assert officer.inner_text('[data-field="accepted_on"]') == "2026-11-04"
        assert officer.inner_text('[data-field="promised_date"]') == "2026-11-18"
        clock.set("2026-11-06")
        take_step(officer, "suspend", reason="组织专家评审办学条件")
        assert status_of(officer) == "suspended"
        clock.set("2026-11-11")
        take_step(officer, "resume")
        take_step(officer, "extend", working_days="3", reason="专家评审意见需补充核实", approved_by="zhang")
        assert status_of(officer) == "accepted"
        # two working days used (5, 6 November); the rest from 12 November, with 3 more days
        assert officer.inner_text('[data-field="promised_date"]') == "2026-11-26"
        screenshot(officer, "case-journey-extended")

    # The nightly sweep: nothing to warn of on the 23rd, yellow on the 24th, red on the 27th.
    with staff(browser, base, "zhou") as supervisor:
        run_the_nightly_sweep(clock, "2026-11-23")
        assert case.tracking_code not in cases_on_the_dashboard(supervisor, "yellow")
        run_the_nightly_sweep(clock, "2026-11-24")
        assert cases_on_the_dashboard(supervisor, "yellow") == [case.tracking_code]
        screenshot(supervisor, "case-journey-dashboard-yellow")
        run_the_nightly_sweep(clock, "2026-11-27")
        assert cases_on_the_dashboard(supervisor, "red") == [case.tracking_code]
        assert case.tracking_code not in cases_on_the_dashboard(supervisor, "yellow")
        screenshot(supervisor, "case-journey-dashboard-red")

    # The officer approves the licence the same day.
    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        take_step(officer, "decide", result="approved")
        assert status_of(officer) == "decided"
        assert officer.locator('[data-document="certificate"] a').count() == 1

    # Monday 30 November: she downloads the certificate and rates the service 2 (a bad rating).
    clock.set("2026-11-30")
    with citizen(browser, base) as applicant:
        applicant.goto(link)
        screenshot(applicant, "case-journey-decided")
        assert download_the_certificate(applicant).startswith(b"%PDF")
        rate_the_service(applicant, 2, "审批超过承诺时限，中途也没有告知进度。")
        given = applicant.locator('#evaluation-given li[data-level="2"]')
        assert "不满意" in given.inner_text()
        assert applicant.locator("#evaluation-notice").count() == 1
        screenshot(applicant, "case-journey-rated")
    rectification = Rectification.objects.get()
    assert (rectification.case_id, rectification.status) == (case.pk, "open")

    # The officer answers the rectification from the list of rectifications.
    clock.set("2026-12-01")
    with staff(browser, base, "li") as officer:
        officer.goto(base + "/staff/evaluations/")
        officer.locator("main a", has_text=case.tracking_code).first.click()
        officer.wait_for_load_state()
        assert "审批超过承诺时限" in officer.inner_text('[data-field="comment"]')
        take_step(officer, "answer", measures="已约谈承办人员，专家评审期间每周向申请人告知进度。")
        assert status_of(officer) == "answered"

    # The disclosure office calls her back, records what she said and verifies the rectification.
    clock.set("2026-12-02")
    with staff(browser, base, "olga", phone=True) as office:
        office.goto(f"{base}/staff/evaluations/{rectification.pk}/")
        take_step(office, "record_visit", method="phone", view="申请人表示认可整改措施。")
        assert "申请人表示认可整改措施" in office.inner_text("#return-visits")
        take_step(office, "accept")
        assert status_of(office) == "closed"
        assert fits(office)
        screenshot(office, "case-journey-rectified-phone")
    rectification.refresh_from_db()
    assert rectification.status == "closed"
