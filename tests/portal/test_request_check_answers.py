"""The application's check-your-answers step, the delivery hints, and the receipt notice on the
confirmation page (GOV.UK form patterns), through Django's test client."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.validation import masked_id_number
from tests.inforequests.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font, pdf_text
from tests.portal.test_request_form import (
    EN,
    MONDAY,
    apply,
    check_answers,
    form_token,
    hidden_fields,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The site's clock stands on a working Monday of 2026, a year whose calendar is published."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    return MONDAY


def summary_rows(html: str) -> dict[str, str]:
    """The check page's answers: each <dt> with its <dd>, tags removed."""
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {label.strip(): re.sub(r"<[^>]+>", "", value).strip() for label, value in rows}


def test_the_first_post_stores_nothing_and_shows_every_answer_to_check(client, tree):
    response = check_answers(client, person())

    assert response.status_code == 200
    assert InfoRequest.objects.count() == 0
    assert not AuditEntry.objects.filter(action="inforequest.submit").exists()
    assert len(mail.outbox) == 0
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>Check your answers before sending the application</h1>", html)
    assert '<dl class="summary-list">' in html
    rows = summary_rows(html)
    assert rows["Agency"] == tree["education"].display_name
    assert rows["You apply as"] == "Natural person"
    assert rows["Name"] == "陈小明"
    assert rows["Identity document"] == "Resident identity card"
    assert rows["E-mail"] == "chen@example.com"
    assert rows["Postal address"] == "阳光市人民路1号"
    assert rows["Description of the information"] == "2025年度阳光市教育局部门预算执行情况"
    assert rows["Document number of the information"] == "阳教发〔2025〕3号"
    assert rows["Form of the information"] == "Electronic"
    assert rows["How the information reaches you"] == "By e-mail"
    for heading in (
        "The agency",
        "Who applies",
        "How the agency can reach you",
        "The information you want",
        "How you want to receive it",
    ):
        assert f">{heading}</h2>" in html
    changes = re.findall(r'<button type="submit" name="change" value="([^"]+)"', html)
    assert changes == ["part-agency", "part-applicant", "part-contact", "part-wanted", "part-delivery"]
    assert 'name="confirm" value="yes"' in html
    assert "Send the application" in html


def test_an_empty_optional_answer_says_it_was_not_given(client, tree):
    html = check_answers(client, person(phone="", title="")).content.decode()

    rows = summary_rows(html)
    assert rows["Phone"] == "Not given"
    assert rows["Name of the information"] == "Not given"


def test_change_returns_to_the_form_with_every_value_kept(client, tree):
    token = form_token(client)
    checked = check_answers(client, person(description="第一行\n第二行"), token=token)
    sent = {**hidden_fields(checked.content.decode()), "change": "part-applicant"}

    response = client.post("/requests/apply/", sent, **EN)

    assert response.status_code == 200
    assert InfoRequest.objects.count() == 0
    html = response.content.decode()
    assert "portal/requests/apply.html" in [t.name for t in response.templates]
    assert 'id="part-applicant"' in html
    assert "error-summary" not in html
    assert 'value="陈小明"' in html
    assert 'value="chen@example.com"' in html
    assert "第一行\n第二行</textarea>" in html
    assert re.search(r'<option value="CITY-EDU" selected>', html)
    assert re.search(r'value="email"[^>]*checked', html)
    assert f'name="form_token" value="{token}"' in html  # still the same application


def test_a_change_buttons_returns_to_its_part_of_the_form(client, tree):
    html = check_answers(client, person()).content.decode()

    for part in ("part-agency", "part-wanted", "part-delivery"):
        assert f'formaction="/requests/apply/#{part}"' in html


def test_confirming_stores_exactly_one_request(client, tree, django_capture_on_commit_callbacks):
    token = form_token(client)
    checked = check_answers(client, person(), token=token)
    confirm = {**hidden_fields(checked.content.decode()), "confirm": "yes"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/requests/apply/", confirm, **EN)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post("/requests/apply/", confirm, **EN)  # "Send" pressed twice

    assert first.status_code == second.status_code == 302
    assert first["Location"] == "/requests/apply/submitted/"
    stored = InfoRequest.objects.get()
    assert stored.applicant_name == "陈小明"
    assert stored.description == "2025年度阳光市教育局部门预算执行情况"
    assert len(mail.outbox) == 1


def test_a_changed_answer_is_what_is_sent(client, tree):
    token = form_token(client)
    check_answers(client, person(), token=token)

    response = apply(client, person(description="2024年度决算"), token=token)

    assert response.status_code == 302
    assert InfoRequest.objects.get().description == "2024年度决算"


def test_an_error_on_the_form_is_shown_as_before_and_no_check_page(client, tree):
    response = check_answers(client, person(email="", delivery_method="email"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "portal/requests/check.html" not in [t.name for t in response.templates]
    assert re.search(r'class="error-summary"[^>]*autofocus', html)
    assert "Give an e-mail address to receive the information by e-mail." in html
    assert 'href="#id_email"' in html
    assert "<title>Error:" in html
    assert InfoRequest.objects.count() == 0


def test_answers_altered_on_the_check_page_are_checked_again_when_sent(client, tree):
    checked = check_answers(client, person())
    confirm = {**hidden_fields(checked.content.decode()), "confirm": "yes", "address": ""}
    confirm["delivery_method"] = "post"

    response = client.post("/requests/apply/", confirm, **EN)

    assert response.status_code == 200
    assert "Give a postal address to receive the information by post." in response.content.decode()
    assert InfoRequest.objects.count() == 0


def test_the_fields_say_which_delivery_needs_them(client, tree):
    html = client.get("/requests/apply/", **EN).content.decode()

    assert re.search(r'id="id_email_helptext">[^<]*Needed if the information is to reach you by e-mail', html)
    assert 'id="id_address_helptext">Needed if the information is to reach you by post.' in html
    assert 'aria-describedby="id_address_helptext"' in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert "By e-mail needs an e-mail address and by post a postal address" in html
    assert "Continue" in html


def test_the_confirmation_page_offers_the_receipt_pdf_and_a_print_button(client, tree):
    response = apply(client, person())
    stored = InfoRequest.objects.get()
    key = access.access_key_for(stored)

    html = client.get(response["Location"], **EN).content.decode()

    assert 'href="/requests/apply/submitted/receipt.pdf"' in html
    assert "data-print hidden" in html  # shown by js/print.js only
    assert "js/print.js" in html
    assert "use your browser&#x27;s print command" in html or "use your browser's print command" in html
    for href in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert key not in href
    again = client.get(response["Location"], **EN).content.decode()
    assert 'href="/requests/apply/submitted/receipt.pdf"' in again  # after a reload too


def test_the_receipt_pdf_is_the_session_s_request(client, tree):
    need_cjk_font()
    apply(client, person())
    stored = InfoRequest.objects.get()

    response = client.get("/requests/apply/submitted/receipt.pdf", **EN)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{stored.tracking_code}-receipt.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert stored.tracking_code in pdf_text(response.content)
    assert AuditEntry.objects.filter(action="inforequest.document").count() == 1


def test_the_receipt_pdf_needs_the_session_that_applied(client, tree):
    apply(client, person())
    client.logout()  # another visitor: a session without the application

    assert client.get("/requests/apply/submitted/receipt.pdf", **EN).status_code == 404


# --- The identity document's number, masked ---------------------------------------------------------


def visible(html: str) -> str:
    """The page as read on the screen: without its hidden inputs (which carry the answers back)."""
    return re.sub(r'<input [^>]*type="hidden"[^>]*>', "", html)


def test_the_check_page_shows_the_identity_number_masked_and_change_brings_it_back_whole(client, tree):
    checked = check_answers(client, person())
    html = checked.content.decode()

    assert summary_rows(html)["Number of the identity document"] == "110105********002X"
    assert CITIZEN_ID not in visible(html)
    sent = {**hidden_fields(html), "change": "part-applicant"}
    form = client.post("/requests/apply/", sent, **EN).content.decode()
    assert f'value="{CITIZEN_ID}"' in form  # the applicant corrects the number itself


@pytest.mark.parametrize(
    ("id_type", "number", "shown"),
    [
        ("resident_id", "110101199003074258", "110101********4258"),
        ("passport", "E12345678", "E1*****78"),
        ("credit_code", "91350100M000100Y43", "91**************43"),
        ("other", "1234", "****"),
    ],
)
def test_an_identity_number_keeps_six_and_four_characters_on_an_identity_card_else_two_and_two(
    id_type, number, shown
):
    assert masked_id_number(id_type, number) == shown


def test_the_passport_number_of_a_person_is_masked_too(client, tree):
    html = check_answers(client, person(id_type="passport", id_number="E12345678")).content.decode()
    assert summary_rows(html)["Number of the identity document"] == "E1*****78"


def test_neither_the_receipt_page_nor_its_e_mail_holds_the_identity_number(
    client, tree, django_capture_on_commit_callbacks
):
    response = apply(client, person(), capture=django_capture_on_commit_callbacks)
    assert CITIZEN_ID not in client.get(response["Location"], **EN).content.decode()
    assert len(mail.outbox) == 1
    assert CITIZEN_ID not in mail.outbox[0].body
    assert CITIZEN_ID[6:14] not in mail.outbox[0].body  # not even the date of birth


def test_the_receipt_pdf_does_not_hold_the_identity_number(client, tree):
    need_cjk_font()
    apply(client, person())
    text = pdf_text(client.get("/requests/apply/submitted/receipt.pdf", **EN).content)
    assert CITIZEN_ID not in text
    assert CITIZEN_ID[6:14] not in text
