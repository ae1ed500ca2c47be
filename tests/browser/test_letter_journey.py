"""A letter's whole journey, in the browser, each step taken on the pages people use.

陈小明 writes to the Education Bureau's leaders' mailbox on her phone. The bureau's officer sees it is
a matter of the Finance Bureau and transfers it; the Finance Bureau's officer asks her for the school's
name; she answers on her letter's page. The officer prepares the reply from the bureau's template and
sends it to review; the reviewer approves it, the signer signs it on a phone, the officer sends it.
She rates the reply. The letter and its reply appear on the portal's published letters with her name
masked and no contact data, and in the letters' statistics.
"""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Role
from sunshine.letters.models import Letter, LetterReplyTemplate
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits
from tests.browser.staff_support import no_errors, opened, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_NUMBER = "13800138000"
EMAIL = "chen@example.com"


class Clock:
    """The site's today, moved by the test (working days of September 2026)."""

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
    education, finance = tree["education"], tree["finance"]
    return {
        "edu_officer": make_user("li", agency=education, role=Role.OFFICER, first_name="李信息"),
        "officer": make_user("qian", agency=finance, role=Role.OFFICER, first_name="钱办理"),
        "reviewer": make_user("wang", agency=finance, role=Role.REVIEWER, first_name="王审核"),
        "signer": make_user("zhang", agency=finance, role=Role.SIGNER, first_name="张签发"),
    }


def take(page, action: str, **fields: str) -> None:
    """Fill and send the form of ``action`` in the letter page's "Next steps"."""
    form = page.locator(f"#action-{action} form")
    for name, value in fields.items():
        control = form.locator(f'[name="{action}-{name}"]')
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def reply_step(page, step: str, comments: str = "") -> None:
    form = opened(page.locator(f"#reply-step-{step}")).locator("form")
    if comments:
        form.locator('[name="comments"]').fill(comments)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def status_of(page) -> str:
    return str(page.locator('[data-field="status"]').get_attribute("data-value"))


def follow(page, code: str, key: str) -> None:
    page.goto(page.base_url + "/letters/follow/")
    page.fill("#id_tracking_code", code)
    page.fill("#id_access_key", key)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_mailbox_letter_is_transferred_answered_after_review_rated_and_published_masked(
    browser, live_server, tree, people, clock
):
    base = live_server.url
    LetterReplyTemplate.objects.create(
        agency=tree["finance"],
        title="收费问题答复",
        text="{writer}您好：您反映的“{subject}”一事，经核查，该校已停止收取相关费用。{agency}",
    )

    # She writes to the Education Bureau's leaders' mailbox on her phone.
    with citizen(browser, base, phone=True) as writer:
        writer.goto(base + "/letters/write/?agency=CITY-EDU")
        writer.locator("#id_agency").select_option("CITY-EDU")
        writer.locator('input[name="kind"][value="mailbox"]').check()
        writer.fill("#id_subject", "学校收取补课费")
        writer.fill("#id_body", "孩子所在的阳光中学每月收取补课费三百元，请领导过问。")
        writer.fill("#id_name", "陈小明")
        writer.fill("#id_phone", PHONE_NUMBER)
        writer.fill("#id_email", EMAIL)
        writer.locator("#id_publish_consent").check()
        assert fits(writer)
        screenshot(writer, "letter-journey-write-phone")
        writer.locator("form.letter-form button[type=submit]").click()
        writer.wait_for_load_state()
        code = writer.inner_text("#tracking-code").strip()
        key = writer.inner_text("#access-key").strip()
        assert writer.locator("#due-date").count() == 1
    letter = Letter.objects.get(tracking_code=code)
    assert (letter.kind, letter.agency, letter.status) == ("mailbox", tree["education"], "submitted")

    # The Education Bureau sees it belongs to the Finance Bureau and transfers it.
    clock.set("2026-09-15")
    with staff(browser, base, "li") as edu:
        edu.goto(f"{base}/staff/letters/{letter.pk}/")
        take(edu, "transfer", to_agency="CITY-FIN", reason="补课收费属财政局职责")
        assert status_of(edu) == "transferred"
        edu.goto(f"{base}/staff/letters/{letter.pk}/")  # the sender keeps a read view
        assert "补课收费属财政局职责" in edu.inner_text("#letter-history")
        assert edu.locator(".action-panel").count() == 0
    letter.refresh_from_db()
    assert letter.agency == tree["finance"]
    assert letter.clock_start == datetime.date(2026, 9, 15)

    # The Finance Bureau accepts it and asks her for the school's full name.
    detail = f"{base}/staff/letters/{letter.pk}/"
    with staff(browser, base, "qian") as officer:
        officer.goto(detail)
        take(officer, "accept")
        take(officer, "request_info", items="请提供学校全称和所在区")
        assert status_of(officer) == "awaiting_info"

    # She answers on her letter's page.
    clock.set("2026-09-17")
    with citizen(browser, base, phone=True) as writer:
        follow(writer, code, key)
        assert "请提供学校全称和所在区" in writer.inner_text("#info-items")
        writer.fill("#id_text", "东城区阳光中学")
        writer.locator("#info form button[type=submit]").click()
        writer.wait_for_load_state()
        assert writer.locator("#info").count() == 0
    letter.refresh_from_db()
    assert letter.status == "accepted"
    assert letter.due_date is not None

    # The reply: drafted from the template, sent to review, approved, signed on a phone, sent.
    clock.set("2026-09-22")
    with staff(browser, base, "qian") as officer:
        officer.goto(detail)
        assert officer.locator('form[data-action="reply"], #action-reply').count() == 0  # not before sign-off
        officer.locator("#id_letter_reply_template").select_option(label="收费问题答复")
        officer.locator('form[data-form="reply-template"] button[type=submit]').click()
        officer.wait_for_load_state()
        no_errors(officer)
        assert "已停止收取相关费用" in officer.inner_text('[data-field="reply_text"]')
        form = opened(officer.locator("#reply-edit")).locator("form")
        form.locator('[name="publish"]').check()
        form.locator("button[type=submit]").click()
        officer.wait_for_load_state()
        no_errors(officer)
        reply_step(officer, "submit")
        assert officer.locator("#reply").get_attribute("data-reply-status") == "in_review"
        assert officer.locator("#reply-step-approve").count() == 0  # not their own reply
        screenshot(officer, "letter-journey-reply-in-review")
    with staff(browser, base, "wang") as reviewer:
        reviewer.goto(detail)
        reply_step(reviewer, "approve", comments="可以答复并公开")
        assert reviewer.locator("#reply").get_attribute("data-reply-status") == "approved"
    with staff(browser, base, "zhang", phone=True) as signer:
        signer.goto(detail)
        reply_step(signer, "sign")
        assert signer.locator("#reply").get_attribute("data-reply-status") == "signed"
        assert fits(signer)
        screenshot(signer, "letter-journey-signed-phone")
    with staff(browser, base, "qian") as officer:
        officer.goto(detail)
        officer.locator('[data-field="reply_next"] a').click()
        take(officer, "reply")
        assert status_of(officer) == "replied"
        assert "张签发" in officer.inner_text("#letter-history")
    letter.refresh_from_db()
    assert letter.reply_published
    assert letter.replied_on == datetime.date(2026, 9, 22)

    # She reads the reply and rates it.
    clock.set("2026-09-23")
    with citizen(browser, base, phone=True) as writer:
        follow(writer, code, key)
        assert "已停止收取相关费用" in writer.inner_text("#reply")
        writer.locator('input[name="rating"][value="satisfied"]').check()
        writer.locator("#rating form button[type=submit]").click()
        writer.wait_for_load_state()
        assert writer.locator("#letter-rating").count() == 1
        assert fits(writer)
        screenshot(writer, "letter-journey-rated-phone")
    with staff(browser, base, "qian") as officer:
        officer.goto(detail)
        assert "满意" in officer.inner_text("main")

    # The portal shows the letter and its reply, her name masked and no contact data.
    with citizen(browser, base) as reader:
        reader.goto(base + "/letters/")
        listing = reader.inner_text("main")
        assert "学校收取补课费" in listing
        reader.locator(f'a[href$="/letters/{code}/"]').first.click()
        reader.wait_for_load_state()
        page_text = reader.inner_text("main")
        assert "已停止收取相关费用" in page_text
        assert "陈**" in page_text
        html = reader.content()
        for private in ("陈小明", PHONE_NUMBER, EMAIL):
            assert private not in html
            assert private not in listing
        screenshot(reader, "letter-journey-published")
        reader.goto(base + "/letters/statistics/?agency=CITY-FIN&from=2026-09-01&to=2026-09-30")
        figures = reader.locator("main").inner_text()
        screenshot(reader, "letter-journey-statistics")
        response = reader.request.get(
            base + "/api/v1/letters/statistics",
            params={"agency": "CITY-FIN", "from": "2026-09-01", "to": "2026-09-30"},
        )
        stats = response.json()
    assert stats["received"] == 1
    assert stats["replied"] == 1
    assert stats["replied_on_time"]["count"] == 1
    assert stats["replied_on_time"]["of"] == 1
    assert stats["satisfaction"]["counts"]["satisfied"] == 1
    assert "100" in figures  # on time and satisfied: every letter
