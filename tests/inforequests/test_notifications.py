"""The e-mail that confirms an application, with its tracking code and access key."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import translation

from sunshine.inforequests.notifications import notify_submitted, send_submission_receipt, submission_receipt
from tests.inforequests.conftest import CITIZEN_ID, D


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_the_receipt_carries_the_code_the_key_and_the_due_date(submit):
    request, key = submit(D(2026, 9, 21))

    with translation.override("en"):
        sent = send_submission_receipt(
            request=request, access_key=key, status_url="https://example.org/requests/status/"
        )

    assert sent is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chen@example.com"]
    assert request.tracking_code in message.subject
    assert f"Tracking code: {request.tracking_code}" in message.body
    assert f"Access key: {key}" in message.body
    assert "2026-10-26" in message.body
    assert "https://example.org/requests/status/" in message.body


def test_the_receipt_names_no_personal_data(submit):
    request, key = submit(D(2026, 9, 21))

    send_submission_receipt(request=request, access_key=key)

    message = mail.outbox[0]
    for private in ("陈小明", CITIZEN_ID, "13800138000", "阳光市人民路1号"):
        assert private not in message.body
        assert private not in message.subject


def test_no_receipt_without_an_e_mail_address(submit, applicant):
    request, key = submit(D(2026, 9, 21))
    request.applicant_email = ""

    assert submission_receipt(request=request, access_key=key) is None
    assert send_submission_receipt(request=request, access_key=key) is False
    assert mail.outbox == []


def test_the_receipt_waits_for_the_commit(submit, django_capture_on_commit_callbacks):
    request, key = submit(D(2026, 9, 21))

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notify_submitted(request=request, access_key=key)
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


def test_a_broken_mail_server_is_logged_not_raised(submit, settings, caplog):
    settings.EMAIL_BACKEND = "tests.inforequests.test_notifications.BrokenMailServer"
    request, key = submit(D(2026, 9, 21))

    assert send_submission_receipt(request=request, access_key=key) is False
    assert request.tracking_code in caplog.text


@pytest.mark.parametrize("received", [True, False])
def test_the_receipt_mentions_the_due_date_only_once_received(submit, tree, received):
    request, key = submit(D(2026, 9, 21))
    if not received:
        request.received_on = None
        request.due_date = None

    with translation.override("en"):
        message = submission_receipt(request=request, access_key=key)

    assert message is not None
    assert ("must reply by" in message.body) is received


def test_the_receipt_holds_a_copy_of_the_application_without_the_identity_number(submit):
    request, key = submit(D(2026, 9, 21))

    with translation.override("en"):  # the expected values too, in the language of the message
        message = submission_receipt(request=request, access_key=key)
        agency_name = request.agency.display_name
        form_name = request.get_delivery_form_display()
        method_name = request.get_delivery_method_display()

    assert message is not None
    assert f"Agency: {agency_name}" in message.body
    assert request.description.splitlines()[0] in message.body
    assert f"Form of the information: {form_name}" in message.body
    assert f"Delivery: {method_name}" in message.body
    if request.title:
        assert request.title in message.body
    assert CITIZEN_ID not in message.body
    assert request.applicant_id_number not in message.body
