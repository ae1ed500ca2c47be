"""New requests through the API and the portal's form, past the brake on anonymous submissions
(sunshine/core/submissions.py): 429 with Retry-After in the API, the form shown again as typed on the
page, nothing stored; and the receipt e-mail to an address at most once an hour until a link in one
of them has been opened."""

from __future__ import annotations

import datetime
import re

import pytest

from sunshine.inforequests.models import InfoRequest
from tests.inforequests.test_requests_api import body, post
from tests.portal.test_request_form import EN, apply, person

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(monkeypatch, settings):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 3
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 2


def someone(n: int) -> dict:
    data = body()
    data["applicant"] = {**data["applicant"], "email": f"p{n}@example.com", "phone": f"1390000000{n}"}
    return data


def test_the_api_answers_429_with_retry_after_past_the_applications_of_an_address(client, tree):
    for n in range(3):
        assert post(client, someone(n)).status_code == 201

    refused = post(client, someone(9), HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_submissions"
    assert "Nothing was sent" in refused.json()["error"]["message"]
    assert 3500 < int(refused["Retry-After"]) <= 3600
    assert InfoRequest.objects.count() == 3
    assert post(client, someone(9), REMOTE_ADDR="203.0.113.5").status_code == 201


def test_the_api_stops_one_e_mail_address_whatever_the_connection(client, tree):
    assert post(client, body(), REMOTE_ADDR="192.0.2.1").status_code == 201
    assert post(client, body(), REMOTE_ADDR="192.0.2.2").status_code == 201

    refused = post(client, body(), REMOTE_ADDR="192.0.2.3")

    assert refused.status_code == 429
    assert InfoRequest.objects.count() == 2


def test_the_same_idempotency_key_is_answered_even_past_the_limit(client, tree):
    first = post(client, body(), HTTP_IDEMPOTENCY_KEY="once").json()
    post(client, body(), REMOTE_ADDR="192.0.2.2")

    again = post(client, body(), HTTP_IDEMPOTENCY_KEY="once")

    assert again.status_code == 201
    assert again.json()["tracking_code"] == first["tracking_code"]


def test_the_form_past_the_limit_is_shown_again_as_typed_with_the_reason(client, tree):
    for n in range(3):
        assert apply(client, person(email=f"p{n}@example.com", phone=f"1390000000{n}")).status_code == 302

    refused = apply(client, person(email="late@example.com", description="我要的信息写在这里"))

    assert refused.status_code == 429
    assert refused["Retry-After"]
    page = refused.content.decode()
    assert "Nothing was sent: please send it again in 60 minutes." in page
    assert "我要的信息写在这里" in page
    assert 'value="late@example.com"' in page
    assert InfoRequest.objects.count() == 3


def test_one_receipt_an_hour_goes_to_an_address_the_later_codes_shown_on_the_page(
    client, tree, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 5
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, body(), REMOTE_ADDR="192.0.2.1").json()
    with django_capture_on_commit_callbacks(execute=True):
        second = post(client, body(), REMOTE_ADDR="192.0.2.2").json()
    assert [m.to for m in mailoutbox] == [["chen@example.com"]]
    assert first["tracking_code"] in mailoutbox[0].body
    assert second["tracking_code"] not in mailoutbox[0].body

    page = apply(client, person(email="chen@example.com"), capture=django_capture_on_commit_callbacks)
    receipt = client.get(page["Location"], **EN).content.decode()
    assert 'id="mail-held-back"' in receipt
    assert re.search(r'id="tracking-code"[^>]*>[^<]+<', receipt)
    assert len(mailoutbox) == 1


def test_opening_the_link_of_a_receipt_confirms_the_address_and_receipts_go_again(
    client, tree, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, body())
    link = re.search(r"https?://\S+confirm=\S+", mailoutbox[0].body)
    assert link is not None

    assert client.get(link.group(0).split("testserver", 1)[1], **EN).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        post(client, body(), REMOTE_ADDR="192.0.2.9")

    assert len(mailoutbox) == 2
