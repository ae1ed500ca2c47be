"""The applicant answers a fee notice on the request's page (条例 Art. 42, 国办函〔2020〕109号): they
read the notice (amount, method, payable by), say they paid with the payment's reference (the office
checks it and records the payment, dated the day it was paid), or decline the fee after confirming,
which closes the request. POST only, with the CSRF token.

Received Tue 2026-10-13; fee notice Wed 10-14 for 150 pages (70 × 10 + 50 × 20 = 1700 yuan); today is
Thu 10-15.
"""

from __future__ import annotations

from html import unescape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest, Notification, RequestEvent, RequestFile
from tests.backoffice import D, act, fixed_today, paper_request
from tests.records.files import make_pdf

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = make_pdf("Payment receipt")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def awaiting(tree, alice) -> InfoRequest:
    request = paper_request(tree["education"], D(2026, 10, 13))
    return act(request, "notify_fee", D(2026, 10, 14), by=alice, method="per_page", pages=150)


def answer(client, request: InfoRequest, **data):
    form = {"tracking_code": request.tracking_code, "access_key": access.access_key_for(request), **data}
    return client.post("/requests/status/fee/", form, **EN)


def page(client, request: InfoRequest) -> str:
    return unescape(client.get(access.private_path(request), **EN).content.decode())


def test_the_page_shows_the_fee_notice_and_both_answers(client, awaiting):
    html = page(client, awaiting)
    assert 'id="fee"' in html
    assert "1700 yuan" in html
    assert "Per page" in html
    assert f'data-field="fee_due">{awaiting.fee_due:%Y-%m-%d}' in html
    assert 'data-form="fee-paid"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'data-form="fee-decline"' in html
    assert "There is no payment on this site." in html


def test_a_provisional_payable_by_date_is_marked(client, awaiting):
    InfoRequest.objects.filter(pk=awaiting.pk).update(fee_due_provisional=True)
    html = page(client, awaiting)
    fee = html[html.index('id="fee-notice"') :]
    assert "provisional" in fee[: fee.index("</dl>")].lower()


def test_no_fee_form_when_no_fee_is_awaited(client, tree):
    request = paper_request(tree["education"], D(2026, 10, 13))
    html = page(client, request)
    assert 'data-form="fee-paid"' not in html
    response = answer(client, request, decision="paid", reference="X1")
    assert response.status_code == 409
    assert "not waiting for a fee" in unescape(response.content.decode())


def test_saying_i_have_paid_keeps_the_declaration_and_tells_the_office_but_the_clock_stays_stopped(
    client, awaiting, alice, django_capture_on_commit_callbacks
):
    receipt = SimpleUploadedFile("缴款书.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(
            client,
            awaiting,
            decision="paid",
            reference=" 2026101400123 ",
            paid_on="2026-10-14",
            files=[receipt],
        )
    assert response.status_code == 200, response.content.decode()[-2000:]
    html = unescape(response.content.decode())
    assert "the agency has been told that you paid" in html
    assert 'id="fee-declared"' in html
    assert (
        "You told the agency that you paid the fee on 2026-10-14 (payment reference 2026101400123)." in html
    )
    stored = InfoRequest.objects.get(pk=awaiting.pk)
    assert stored.status == "awaiting_fee"  # a declaration, not a payment
    assert stored.due_date is None
    assert stored.fee_paid_on is None
    assert stored.fee_declared_reference == "2026101400123"
    assert stored.fee_declared_paid_on == D(2026, 10, 14)
    event = RequestEvent.objects.get(request=stored, action="declare_fee_payment")
    assert event.by is None
    assert event.data["reference"] == "2026101400123"
    assert [f["name"] for f in event.data["files"]] == ["缴款书.pdf"]
    stored_file = RequestFile.objects.get()
    assert (stored_file.purpose, stored_file.from_applicant, stored_file.event) == (
        "fee_receipt",
        True,
        event,
    )
    assert "缴款书.pdf" in html  # the applicant's own files list it
    entry = AuditEntry.objects.get(action="inforequest.declare_fee_payment")
    assert entry.actor is None
    assert (entry.after or {}).get("fee_declared_reference") == "2026101400123"
    assert not Notification.objects.filter(event=event).exists()  # the applicant is not told their own words
    assert mail.outbox == []  # Alice, the only officer, gave no e-mail address


def test_the_office_is_told_by_e_mail_with_the_reference_and_a_link(
    client, awaiting, make_user, tree, django_capture_on_commit_callbacks
):
    oscar = make_user("oscar", agency=tree["education"], role="officer", email="oscar@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, awaiting, decision="paid", reference="FS-77")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [oscar.email]
    assert awaiting.tracking_code in message.subject
    assert "FS-77" in message.body
    assert f"/staff/requests/{awaiting.pk}/" in message.body


def test_staff_see_the_declaration_beside_record_the_fee_payment_dated_the_day_paid(client, awaiting, alice):
    answer(client, awaiting, decision="paid", reference="2026101400123", paid_on="2026-10-14")
    client.force_login(alice)
    html = unescape(client.get(f"/staff/requests/{awaiting.pk}/", **EN).content.decode())
    panel = html[html.index('id="next-steps"') :]
    declared = panel.index('data-field="fee_declared"')
    assert declared < panel.index('id="action-record_fee_payment"')
    assert "2026101400123" in panel[declared : panel.index('id="action-record_fee_payment"')]
    form = panel[panel.index('data-action="record_fee_payment"') :]
    assert 'name="date" value="2026-10-14"' in form[: form.index("</form>")]

    # The office confirms on the day the applicant paid: the reply period runs again from that day.
    response = client.post(
        f"/staff/requests/{awaiting.pk}/actions/record_fee_payment/", {"date": "2026-10-14"}, **EN
    )
    assert response.status_code == 302
    stored = InfoRequest.objects.get(pk=awaiting.pk)
    assert stored.status == "received"
    assert stored.fee_paid_on == D(2026, 10, 14)
    # Received 10-13; the notice on 10-14 and the payment on 10-14 leave out no working day.
    assert stored.due_date == D(2026, 11, 10)
    event = stored.events.get(action="record_fee_payment")
    assert event.data["reference"] == "2026101400123"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reference": "  "}, "reference"),
        ({"reference": "R" * 101}, "reference"),
        ({"reference": "R1", "paid_on": "2026-10-16"}, "paid_on"),  # tomorrow
        ({"reference": "R1", "paid_on": "2026-10-13"}, "paid_on"),  # before the notice
        ({"reference": "R1", "paid_on": "14/10/2026"}, "paid_on"),
    ],
)
def test_a_declaration_without_a_reference_or_with_a_wrong_day_is_refused_beside_the_field(
    client, awaiting, data, field
):
    response = answer(client, awaiting, decision="paid", **data)
    assert response.status_code == 422
    assert f'id="error_fee_{field}"' in response.content.decode()
    stored = InfoRequest.objects.get(pk=awaiting.pk)
    assert stored.fee_declared_at is None
    assert not stored.events.filter(action="declare_fee_payment").exists()


def test_a_receipt_whose_content_is_not_what_its_name_says_is_refused_and_not_kept(client, awaiting):
    fake = SimpleUploadedFile("收据.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    response = answer(client, awaiting, decision="paid", reference="R1", files=[fake])
    assert response.status_code == 422
    assert 'id="error_fee_files"' in response.content.decode()
    assert not RequestFile.objects.exists()
    assert InfoRequest.objects.get(pk=awaiting.pk).fee_declared_at is None


def test_declining_asks_to_confirm_and_changes_nothing_until_then(client, awaiting):
    response = answer(client, awaiting, decision="declined")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Decline the fee?" in html
    assert "1700 yuan" in html
    assert 'name="confirm" value="yes"' in html
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_fee"


def test_declining_after_confirming_closes_the_request_and_tells_the_applicant(
    client, awaiting, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, awaiting, decision="declined", confirm="yes")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "You declined the fee. The agency no longer processes the application." in html
    assert "You declined to pay the fee, so the application is no longer processed." in html  # history
    assert 'data-form="fee-paid"' not in html
    stored = InfoRequest.objects.get(pk=awaiting.pk)
    assert stored.status == "closed"
    assert stored.outcome == "other_fee_unpaid"
    assert stored.concluded_on == today
    assert stored.fee_declined_on == today
    event = stored.events.get(action="decline_fee")
    assert event.by is None
    assert event.data["by_applicant"] is True
    entry = AuditEntry.objects.get(action="inforequest.decline_fee")
    assert (entry.after or {}).get("status") == "closed"
    told = Notification.objects.get(event=event)
    assert told.channel == "email"
    assert any("declined to pay the fee" in m.body for m in mail.outbox)


def test_the_answers_are_posted_only_and_need_the_csrf_token(awaiting):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/requests/status/fee/").status_code == 405
    form = {
        "tracking_code": awaiting.tracking_code,
        "access_key": access.access_key_for(awaiting),
        "decision": "declined",
        "confirm": "yes",
    }
    assert strict.post("/requests/status/fee/", form).status_code == 403
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_fee"


def test_a_wrong_key_opens_nothing_and_counts_as_a_failed_try(client, awaiting):
    response = client.post(
        "/requests/status/fee/",
        {
            "tracking_code": awaiting.tracking_code,
            "access_key": "0" * 24,
            "decision": "declined",
            "confirm": "yes",
        },
        **EN,
    )
    assert response.status_code == 404
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_fee"
