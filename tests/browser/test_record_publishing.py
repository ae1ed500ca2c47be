"""An officer drafts a record whose attachment holds a resident identity number, is stopped by the
privacy scan, replaces the attachment; a reviewer (on a phone) and a signer approve it; it is published.
A citizen then finds it by a two-character word of its attachment on the portal, in the agency's
feeds and through the public API, and the identity number is nowhere. Once withdrawn, it is gone from
all of them."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.core.cache import cache

from sunshine.agencies.models import Role
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from sunshine.workdays import services as workdays_services
from tests.browser.conftest import screenshot
from tests.browser.portal_support import api_get, atom_entries, citizen, fits, result_titles, search
from tests.conftest import PASSWORD
from tests.records.conftest import CITIZEN_ID, make_draft, publish_now
from tests.records.files import make_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "阳光市教育局关于公布2026年教育资助名单的通知"
DOCUMENT_NUMBER = "阳教发〔2026〕20号"
BODY = "各区教育局：\n现将2026年教育资助名单公布如下，详见附件。"
# The word the citizen searches for: two characters, inside a longer word (每学年), and only in the text
# of the public version of the attachment: neither in the title nor in the body.
WORD = "学年"
PUBLIC_NAME = "资助名单（公开版）.docx"
PUBLIC_FILE = make_docx("2026年教育资助名单（公开版）", "受助学生共一百二十名，资助标准为每人每学年两千元。")
# The identity number without its check character: found in any case and in any part of a number.
ID_DIGITS = CITIZEN_ID[:17]


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


@pytest.fixture(autouse=True)
def no_old_feeds():
    """The server keeps copies of feeds (five minutes): none of another test's records."""
    cache.clear()
    yield
    cache.clear()


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


def record_path(index_number: str) -> str:
    return f"/records/{quote(index_number, safe='/')}/"


def test_a_record_goes_from_draft_past_the_privacy_scan_to_publication_and_a_citizen_finds_it(
    browser, live_server, page, phone_page, calendar, alice, rita, simon
):
    sign_in(page, "alice")
    page.goto(page.base_url + "/staff/records/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", label="通知公告")
    page.fill("#id_document_number", DOCUMENT_NUMBER)
    page.fill("#id_formation_date", "2026-03-02")
    page.fill("#id_body", BODY)
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
        {"name": PUBLIC_NAME, "mimeType": DOCX, "buffer": PUBLIC_FILE}
    )
    submit_form(page, ".rec-file__actions button.button--secondary")
    assert page.locator("mark.finding").count() == 0
    assert page.locator(".rec-file a").first.inner_text() == PUBLIC_NAME
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
    screenshot(page, "record-published")

    revision = Revision.objects.get(title=TITLE)
    assert revision.status == Status.PUBLISHED
    number = revision.record.index_number or ""
    assert number.startswith("CITY-EDU/")
    assert number in page.locator("[data-field=index_number]").inner_text()
    assert [a.name for a in revision.attachments.all()] == [PUBLIC_NAME]
    assert WORD not in TITLE  # found below through the attachment's text only
    assert WORD not in BODY

    # A citizen, on a phone, searches the portal for a word of the attachment.
    with citizen(browser, live_server.url, phone=True) as phone:
        search(phone, WORD)
        assert result_titles(phone) == [TITLE]
        assert phone.locator(".search-result mark").first.inner_text() == WORD
        assert DOCUMENT_NUMBER in phone.locator(".search-result__meta").first.inner_text()
        assert ID_DIGITS not in phone.content()
        assert fits(phone)
        screenshot(phone, "citizen-search-phone")

        phone.locator(".search-result__title a").first.click()
        phone.wait_for_url("**" + record_path(number))
        phone.wait_for_load_state()
        assert phone.locator("h1").inner_text() == TITLE
        assert phone.locator(".record-meta [data-field=index_number]").inner_text() == number
        assert phone.locator(".record-meta [data-field=document_number]").inner_text() == DOCUMENT_NUMBER
        files = phone.locator(".record-files__item a")
        assert [link.inner_text() for link in files.all()] == [PUBLIC_NAME]
        assert ID_DIGITS not in phone.content()
        screenshot(phone, "citizen-record-phone")
        download = phone.request.get(phone.base_url + files.first.get_attribute("href"))
        assert download.status == 200
        assert download.body() == PUBLIC_FILE  # the public version, not the first file

        # Searching for the identity number itself finds nothing.
        search(phone, CITIZEN_ID)
        assert phone.locator(".search-result").count() == 0

    # On a desktop, the same citizen follows the agency's feeds and asks the public API.
    with citizen(browser, live_server.url) as desk:
        for feed in ("/agencies/CITY-EDU/feed.atom", "/agencies/CITY-EDU/categories/notices/feed.atom"):
            entries, text = atom_entries(desk, feed)
            assert [(e.title, e.path) for e in entries] == [(TITLE, record_path(number))], feed
            assert ID_DIGITS not in text

        status, found, text = api_get(desk, "/records", {"q": WORD})
        assert status == 200
        assert [(row["index_number"], row["title"]) for row in found["results"]] == [(number, TITLE)]
        assert f"<mark>{WORD}</mark>" in found["results"][0]["snippet"]
        assert ID_DIGITS not in text

        status, found, text = api_get(desk, "/records", {"q": CITIZEN_ID})
        assert (status, found["count"]) == (200, 0)

        status, detail, text = api_get(desk, "/records/" + number)
        assert status == 200
        assert (detail["index_number"], detail["title"]) == (number, TITLE)
        assert detail["document_number"] == DOCUMENT_NUMBER
        assert [file["name"] for file in detail["attachments"]] == [PUBLIC_NAME]
        assert ID_DIGITS not in text
        assert ID_DIGITS not in json.dumps(detail, ensure_ascii=False)


@pytest.fixture
def published(calendar, tree) -> Revision:
    """A notice of the Education Bureau, published through the services (the way there is tested above)."""
    return publish_now(make_draft(tree["education"], title=TITLE, document_number=DOCUMENT_NUMBER, body=BODY))


def test_a_withdrawn_record_is_gone_from_the_portal_the_feeds_and_the_api(
    browser, live_server, page, published, simon
):
    number = published.record.index_number
    feed = "/agencies/CITY-EDU/feed.atom"
    with citizen(browser, live_server.url) as before:  # the citizen sees it while it is public
        search(before, "资助")
        assert result_titles(before) == [TITLE]
        assert before.goto(before.base_url + record_path(number)).status == 200
        assert [e.title for e in atom_entries(before, feed)[0]] == [TITLE]
        assert api_get(before, "/records/" + number)[0] == 200

    sign_in(page, "simon")
    page.goto(f"{page.base_url}/staff/records/{published.record_id}/")
    open_details(page, "#action-withdraw")
    page.locator("#action-withdraw textarea[name=reason]").fill("名单有误，核实后重新公布。")
    submit_form(page, "#action-withdraw button[type=submit]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "withdrawn"
    screenshot(page, "record-withdrawn")

    with citizen(browser, live_server.url, phone=True) as after:
        search(after, "资助")
        assert after.locator(".search-result").count() == 0
        screenshot(after, "citizen-search-after-withdrawal-phone")
        assert after.goto(after.base_url + record_path(number)).status == 404
        assert atom_entries(after, feed)[0] == []
        status, found, _text = api_get(after, "/records", {"q": "资助"})
        assert (status, found["count"], found["results"]) == (200, 0, [])
        assert api_get(after, "/records/" + number)[0] == 404
