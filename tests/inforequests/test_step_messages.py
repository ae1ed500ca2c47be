"""The applicant hears of each step that concerns them: by e-mail (or by text message when they gave
only a phone), in the language they applied in, with the private link; sent after the commit,
retried when it fails, and each message visible to staff with its state."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest, Notification
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, act, fixed_today, paper_request
from tests.inforequests.test_requests_api import body

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


def apply_online(client, language: str, **applicant: Any) -> InfoRequest:
    data = body()
    data["applicant"].update(applicant)
    response = client.post(
        "/api/v1/requests", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 201, response.content
    return InfoRequest.objects.get(tracking_code=response.json()["tracking_code"])


def correct(request: InfoRequest, capture) -> InfoRequest:
    with capture(execute=True):
        return act(
            request,
            "request_correction",
            D(2026, 10, 15),
            items=["写明文号", "写明年份"],
            period_working_days=5,
        )


def test_a_correction_request_reaches_the_applicant_in_the_language_they_applied_in(
    client, tree, django_capture_on_commit_callbacks
):
    request = apply_online(client, "en")
    assert request.language == "en"
    mail.outbox.clear()
    request = correct(request, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chen@example.com"]
    assert request.tracking_code in message.subject
    assert "Correction requested" in message.subject
    assert "写明文号" in message.body
    assert "写明年份" in message.body
    assert access.private_path(request) in message.body
    assert access.access_key_for(request) not in message.body
    assert Notification.objects.get().state == Notification.State.SENT


def test_an_applicant_who_applied_in_chinese_hears_in_chinese(
    client, tree, django_capture_on_commit_callbacks
):
    request = apply_online(client, "zh-hans")
    mail.outbox.clear()
    correct(request, django_capture_on_commit_callbacks)
    assert "补正" in mail.outbox[0].subject


def test_each_step_that_concerns_the_applicant_is_told_and_staff_see_the_messages(
    client, alice, tree, django_capture_on_commit_callbacks
):
    request = apply_online(client, "en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = act(request, "start_consultation", D(2026, 10, 15), by=alice, party="agency")
        request = act(request, "end_consultation", D(2026, 10, 15), by=alice)
        request = act(request, "reply", D(2026, 10, 15), by=alice, outcome="disclosed", reasons="")
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2  # the start of a consultation moves nothing yet; its end and the reply do
    assert "Consultation ended" in subjects[0]
    assert "Replied" in subjects[1]
    client.force_login(alice)
    page = client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('data-state="sent"') == 2


def test_the_receipt_recorded_at_submission_is_not_told_twice(
    client, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply_online(client, "en")
    assert len(mail.outbox) == 1  # the submission's own e-mail
    assert not Notification.objects.exists()


def test_a_failing_mail_server_loses_nothing_and_the_message_is_sent_again(
    client, alice, tree, monkeypatch, django_capture_on_commit_callbacks
):
    request = apply_online(client, "en")
    mail.outbox.clear()

    def broken(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("sunshine.core.messaging.send_mail", broken)
    request = correct(request, django_capture_on_commit_callbacks)
    assert request.status == "awaiting_correction"  # the step stands
    failed = Notification.objects.get()
    assert failed.state == Notification.State.FAILED
    assert "mail server down" in failed.last_error
    client.force_login(alice)
    page = client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-state="failed"' in page
    assert "mail server down" in page

    monkeypatch.undo()
    call_command("send_notifications", "--base-url", "https://gk.example.gov.cn")
    sent = Notification.objects.get()
    assert sent.state == Notification.State.SENT
    assert sent.attempts == 2
    assert f"https://gk.example.gov.cn{access.private_path(request)}" in mail.outbox[-1].body


class FakeProvider(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    answer = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        FakeProvider.received.append(
            {"auth": self.headers["Authorization"], **json.loads(self.rfile.read(length))}
        )
        self.send_response(FakeProvider.answer)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def provider(settings):
    FakeProvider.received = []
    FakeProvider.answer = 200
    server = HTTPServer(("127.0.0.1", 0), FakeProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SUNSHINE_SMS_BACKEND = "http"
    settings.SUNSHINE_SMS_URL = f"http://127.0.0.1:{server.server_address[1]}/send"
    settings.SUNSHINE_SMS_TOKEN = "secret-token"
    yield FakeProvider
    server.shutdown()


def test_an_applicant_with_only_a_phone_gets_a_text_message_through_the_provider(
    tree, provider, django_capture_on_commit_callbacks
):
    request = paper_request(tree["education"], D(2026, 10, 12))
    InfoRequest.objects.filter(pk=request.pk).update(applicant_email="", applicant_phone="13800138000")
    request.refresh_from_db()
    correct(request, django_capture_on_commit_callbacks)
    assert len(provider.received) == 1
    sent = provider.received[0]
    assert sent["to"] == "13800138000"
    assert sent["auth"] == "Bearer secret-token"
    assert request.tracking_code in sent["text"]
    assert access.private_path(request) in sent["text"]
    assert Notification.objects.get().channel == Notification.Channel.SMS


def test_a_provider_error_is_recorded_and_retried(tree, provider, django_capture_on_commit_callbacks):
    provider.answer = 503
    request = paper_request(tree["education"], D(2026, 10, 12))
    InfoRequest.objects.filter(pk=request.pk).update(applicant_email="", applicant_phone="13800138000")
    request.refresh_from_db()
    correct(request, django_capture_on_commit_callbacks)
    failed = Notification.objects.get()
    assert failed.state == Notification.State.FAILED
    assert "503" in failed.last_error
    provider.answer = 200
    call_command("send_notifications")
    assert Notification.objects.get().state == Notification.State.SENT
    assert len(provider.received) == 2


def test_the_staff_api_and_pages_still_work_for_a_request_without_any_contact(
    client, alice, tree, django_capture_on_commit_callbacks
):
    request = paper_request(tree["education"], D(2026, 10, 12))
    InfoRequest.objects.filter(pk=request.pk).update(applicant_email="", applicant_phone="")
    request.refresh_from_db()
    correct(request, django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()
    response = client.get(f"/api/v1/staff/requests/{request.pk}", **bearer(token_for(client, "alice")))
    assert response.status_code == 200
