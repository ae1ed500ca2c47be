"""An applicant's whole journey, in the browser, with each staff step taken on the staff pages.

陈小明 applies online (through the check-your-answers step) and finds the private link in the
receipt e-mail; she opens it. The officer asks for a correction; she answers it on her request's page
with a file. The officer extends the period and she is told by e-mail. The officer prepares the reply
with a file and sends it to review; the reviewer approves it, the signer signs it, the officer sends
it. From her private link she sees the reply's file and the reply notice listed and downloads both.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from sunshine.agencies.models import Role
from sunshine.inforequests.codes import ReplyStatus, Status
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.workdays import services as workdays
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.portal_support import PHONE, apply_online, citizen, fits
from tests.browser.staff_support import act, attach_to_reply, draft_reply, reply_status, reply_step, staff
from tests.inforequests.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font
from tests.records.files import make_docx, make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PRIVATE_LINK = re.compile(r"https?://\S+/requests/follow/[^/\s]+/[^/\s]+/")


class Clock:
    """The site's today, moved by the test (a working week of September 2026)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.today = datetime.date(2026, 9, 14)
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: self.today)

    def set(self, day: str) -> None:
        self.today = datetime.date.fromisoformat(day)


@pytest.fixture
def clock(transactional_db, monkeypatch) -> Clock:
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    return Clock(monkeypatch)


@pytest.fixture
def people(tree, make_user) -> dict[str, object]:
    education = tree["education"]
    return {
        "officer": make_user("li", agency=education, role=Role.OFFICER, first_name="李信息"),
        "reviewer": make_user("wang", agency=education, role=Role.REVIEWER, first_name="王审核"),
        "signer": make_user("zhang", agency=education, role=Role.SIGNER, first_name="张签发"),
    }


def private_link_in(body: str) -> str:
    found = PRIVATE_LINK.search(body)
    assert found is not None, body
    return found.group(0)


def both_widths(page, name: str) -> None:
    """Pictures of the page, and of its reply card alone, at the width it has and at a phone's."""
    size = page.viewport_size
    for suffix, viewport in (("", size), ("-phone", PHONE)):
        page.set_viewport_size(viewport)
        screenshot(page, name + suffix)
        card = page.locator("#reply")
        if card.count():
            card.screenshot(path=str(ARTIFACTS / f"{name}-reply-card{suffix}.png"))
    page.set_viewport_size(size)


def listed(page, selector: str) -> list[str]:
    return [item.inner_text().strip() for item in page.locator(f"{selector} a").all()]


def test_an_applicant_follows_her_request_from_the_e_mail_to_the_signed_reply_and_its_files(
    browser, live_server, tree, people, clock, mailoutbox
):
    need_cjk_font()  # the reply notice is a PDF in Chinese
    base = live_server.url

    # She applies on her phone; the receipt e-mail holds her private link.
    with citizen(browser, base, phone=True) as applicant:
        code, key = apply_online(applicant, id_number=CITIZEN_ID)
    request = InfoRequest.objects.get(tracking_code=code)
    assert request.status == Status.RECEIVED
    receipt = [m for m in mailoutbox if m.to == ["chen@example.com"]]
    assert len(receipt) == 1
    assert key in receipt[0].body
    link = private_link_in(receipt[0].body)
    assert link.startswith(base)

    with citizen(browser, base, phone=True) as applicant:
        applicant.goto(link)
        assert code in applicant.inner_text("h1")
        assert applicant.get_attribute("#request-status", "class").endswith("tag--received")
        assert fits(applicant)

    detail = f"{base}/staff/requests/{request.pk}/"
    with staff(browser, base, "li") as officer:
        clock.set("2026-09-15")
        officer.goto(detail)
        act(
            officer,
            "request_correction",
            items="请写明所需预算表的年份\n请附上身份证明的复印件",
            period_working_days="10",
        )
        assert officer.locator('[data-field="status"]').get_attribute("data-value") == "awaiting_correction"

    # The correction e-mail sends her back to her page, where she answers online with a file.
    told = [m for m in mailoutbox if "补正" in m.subject]
    assert len(told) == 1
    assert private_link_in(told[0].body) == link
    clock.set("2026-09-16")
    with citizen(browser, base, phone=True) as applicant:
        applicant.goto(link)
        assert "请写明所需预算表的年份" in applicant.inner_text("#correction-items")
        applicant.fill("#id_correction_text", "所需的是2025年度的部门预算表。")
        applicant.set_input_files(
            "#id_correction_files",
            files=[{"name": "身份证明.pdf", "mimeType": PDF, "buffer": make_pdf("ID copy")}],
        )
        screenshot(applicant, "journey-correction-phone")
        applicant.locator('form[data-form="correction"] button[type=submit]').click()
        applicant.wait_for_load_state()
        assert applicant.locator(".notice--ok").count() == 1
        assert listed(applicant, "#request-files") == ["身份证明.pdf"]
        assert applicant.locator("#correction").count() == 0
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert request.clock_start == datetime.date(2026, 9, 16)

    # The officer extends the period; she hears of it by e-mail, with the new date and the reason.
    clock.set("2026-09-18")
    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        assert "身份证明.pdf" in officer.inner_text("#files")
        act(officer, "extend", working_days="20", reason="需要检索档案", approver=str(people["signer"].pk))
        due = officer.locator('[data-field="due_date"]').get_attribute("data-value")
        both_widths(officer, "journey-extended")
    extension = [m for m in mailoutbox if "延" in m.subject]
    assert len(extension) == 1
    assert "需要检索档案" in extension[0].body
    assert due in extension[0].body
    assert private_link_in(extension[0].body) == link

    # The officer prepares the reply with a file and sends it to review.
    clock.set("2026-10-12")
    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        assert officer.locator('form[data-action="reply"]').count() == 0  # no reply before sign-off
        draft_reply(officer, outcome="disclosed", reasons="依据条例第三十六条第二项予以公开。")
        table = make_docx("2025年度部门预算表", "合计 1200 万元")
        attach_to_reply(officer, "2025年度部门预算表.docx", table, DOCX)
        assert listed(officer, '[data-field="reply_files"]') == ["2025年度部门预算表.docx"]
        both_widths(officer, "journey-reply-draft")
        reply_step(officer, "submit")
        assert reply_status(officer) == ReplyStatus.SUBMITTED
        assert officer.locator("#reply-step-approve").count() == 0  # not their own reply

    # The reviewer approves it from the page; the signer signs it, on a phone.
    with staff(browser, base, "wang") as reviewer:
        reviewer.goto(detail)
        assert reviewer.locator('[data-field="reply_findings"]').count() == 0
        both_widths(reviewer, "journey-reply-in-review")
        reply_step(reviewer, "approve", comments="经审查可以公开")
        assert reply_status(reviewer) == ReplyStatus.APPROVED
        assert reviewer.inner_text('[data-field="reply_reviewer"]').startswith("王审核")
    with staff(browser, base, "zhang", phone=True) as signer:
        signer.goto(detail)
        screenshot(signer, "journey-reply-to-sign-phone")
        reply_step(signer, "sign")
        assert reply_status(signer) == ReplyStatus.SIGNED
        assert fits(signer)

    # Her page shows nothing of the reply until it is sent.
    with citizen(browser, base) as applicant:
        applicant.goto(link)
        assert listed(applicant, "#request-files") == ["身份证明.pdf"]

    with staff(browser, base, "li") as officer:
        officer.goto(detail)
        assert "张签发" in officer.inner_text('[data-field="reply_signer"]')
        officer.locator('[data-field="reply_next"] a').click()  # the card points to the step that sends it
        assert officer.locator("#action-reply").is_visible()
        both_widths(officer, "journey-reply-signed")
        act(officer, "reply")
        assert officer.locator('[data-field="status"]').get_attribute("data-value") == "replied"
        assert listed(officer, '[data-field="sent_reply_files"]') == ["2025年度部门预算表.docx"]
        assert listed(officer, "#files") == ["身份证明.pdf"]  # the files from the applicant
        both_widths(officer, "journey-replied")
    request.refresh_from_db()
    assert (request.status, request.outcome) == (Status.REPLIED, "disclosed")
    assert request.events.get(action="reply").data["signed_by"] == "张签发"
    # Each step that concerns her came by e-mail with the same link: receipt, correction asked and
    # received, extension, reply.
    assert len(mailoutbox) == 5
    assert {private_link_in(m.body) for m in mailoutbox} == {link}

    # From her link she sees the reply's file and the reply notice, and downloads both.
    with citizen(browser, base) as applicant:
        applicant.goto(link)
        assert applicant.get_attribute("#request-status", "class").endswith("tag--replied")
        assert listed(applicant, "#request-files") == ["身份证明.pdf", "2025年度部门预算表.docx"]
        notices = listed(applicant, "#request-notices")
        assert "答复书" in notices, notices
        screenshot(applicant, "journey-applicant-replied")
        with applicant.expect_download() as download:
            applicant.locator("#request-files a", has_text="2025年度部门预算表.docx").click()
        reply_file = RequestFile.objects.get(purpose=RequestFile.Purpose.REPLY)
        assert download.value.suggested_filename == "2025年度部门预算表.docx"
        with reply_file.file.open("rb") as stored:
            assert Path(download.value.path()).read_bytes() == stored.read()
        with applicant.expect_download() as download:
            applicant.locator("#request-notices a", has_text="答复书").click()
        assert download.value.suggested_filename.endswith(".pdf")
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    with citizen(browser, base, phone=True) as applicant:
        applicant.goto(link)
        assert fits(applicant)
        screenshot(applicant, "journey-applicant-replied-phone")
