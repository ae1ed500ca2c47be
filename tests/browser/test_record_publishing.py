"""An officer drafts a record whose attachment holds a resident identity number, is stopped by the
privacy scan, replaces the attachment; a reviewer (on a phone) and a signer approve it; it is published."""

from __future__ import annotations

import pytest

from sunshine.agencies.models import Role
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from sunshine.workdays import services as workdays_services
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.records.conftest import CITIZEN_ID
from tests.records.files import make_docx, make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def calendar(db, settings, tmp_path):
    """The 2024–2026 calendar (the flush of transactional tests removed it); files in a temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    workdays_services.load_builtin_years(by=None)


@pytest.fixture
def rita(make_user, tree):
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def simon(make_user, tree):
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/staff/login/" not in page.url


def open_details(page, selector: str) -> None:
    page.locator(selector).first.evaluate("details => { details.open = true; }")


def submit_form(page, selector: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()


def test_a_record_goes_from_draft_past_the_privacy_scan_to_publication(
    page, phone_page, calendar, alice, rita, simon
):
    sign_in(page, "alice")
    page.goto(page.base_url + "/staff/records/new/")
    page.fill("#id_title", "阳光市教育局关于公布2026年教育资助名单的通知")
    page.select_option("#id_category", label="通知公告")
    page.fill("#id_document_number", "阳教发〔2026〕20号")
    page.fill("#id_formation_date", "2026-03-02")
    page.fill("#id_body", "各区教育局：\n现将2026年教育资助名单公布如下，详见附件。")
    page.set_input_files(
        "#id_attachment",
        {"name": "资助名单.docx", "mimeType": DOCX, "buffer": make_docx("资助名单", f"张三 {CITIZEN_ID}")},
    )
    submit_form(page, "form.rec-form button[type=submit]")
    assert "/staff/records/" in page.url
    assert page.url.rstrip("/").split("/")[-1].isdigit()
    record_url = page.url
    finding = page.locator("mark.finding[data-kind=resident_id]")
    assert finding.inner_text() == CITIZEN_ID
    assert page.locator("[data-warning=privacy]").is_visible()

    # Sending it to review is refused while the identity number is there.
    open_details(page, "#action-submit")
    submit_form(page, "#action-submit button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("[data-status]").first.get_attribute("data-status") == "draft"
    screenshot(page, "record-stopped-by-privacy-scan")

    # The officer replaces the attachment with a version without personal data.
    open_details(page, ".rec-file__actions")
    page.locator(".rec-file__actions input[type=file]").first.set_input_files(
        {
            "name": "资助名单（公开版）.pdf",
            "mimeType": "application/pdf",
            "buffer": make_pdf("Funding list, 2026"),
        }
    )
    submit_form(page, ".rec-file__actions button.button--secondary")
    assert page.locator("mark.finding").count() == 0
    assert page.locator(".rec-file a").first.inner_text() == "资助名单（公开版）.pdf"
    open_details(page, "#action-submit")
    submit_form(page, "#action-submit button[type=submit]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "submitted"

    # The reviewer decides on her phone.
    sign_in(phone_page, "rita")
    phone_page.goto(record_url + "review/")
    for box in phone_page.locator("input[name=checklist]").all():
        box.check()
    phone_page.locator("input[name=decision][value=approve]").check()
    screenshot(phone_page, "record-review-phone")
    submit_form(phone_page, ".rec-decision button[type=submit]")
    assert phone_page.locator("[data-status]").first.get_attribute("data-status") == "approved"

    # The signer signs off and publishes.
    sign_in(page, "simon")
    page.goto(record_url)
    open_details(page, "#action-sign")
    submit_form(page, "#action-sign button[type=submit]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "signed"
    open_details(page, "#action-publish")
    submit_form(page, "#action-publish button[type=submit]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "published"
    number = page.locator("[data-field=index_number]").inner_text()
    assert "CITY-EDU/" in number
    screenshot(page, "record-published")

    revision = Revision.objects.get(title="阳光市教育局关于公布2026年教育资助名单的通知")
    assert revision.status == Status.PUBLISHED
    assert [a.name for a in revision.attachments.all()] == ["资助名单（公开版）.pdf"]
