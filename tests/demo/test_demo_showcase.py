"""The demo's showcase: one request in each state, made through the services, loaded once, listed with
the keys and links a person trying the demo opens them with; the replied one was reviewed and signed
and carries files the applicant downloads with the key."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from sunshine.demo.showcase import CASES, load_showcase, title_of
from sunshine.inforequests import access
from sunshine.inforequests.codes import ReplyStatus, Status
from sunshine.inforequests.models import InfoRequest, RequestFile

TODAY = datetime.date(2026, 6, 30)

# The status of each showcase request and of its reply being prepared.
EXPECTED: dict[str, tuple[str, str]] = {
    "submitted": (Status.SUBMITTED, ""),
    "received": (Status.RECEIVED, ""),
    "awaiting_correction": (Status.AWAITING_CORRECTION, ""),
    "correction_answered": (Status.RECEIVED, ""),
    "in_consultation": (Status.IN_CONSULTATION, ""),
    "extended": (Status.RECEIVED, ""),
    "awaiting_fee": (Status.AWAITING_FEE, ""),
    "replied": (Status.REPLIED, ""),
    "reply_in_review": (Status.RECEIVED, ReplyStatus.SUBMITTED),
    "reply_awaiting_signoff": (Status.RECEIVED, ReplyStatus.APPROVED),
    "reply_returned": (Status.RECEIVED, ReplyStatus.RETURNED),
    "withdrawn": (Status.WITHDRAWN, ""),
    "closed": (Status.CLOSED, ""),
}


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


@pytest.fixture
def shown(demo_city):
    return {s.key: s for s in load_showcase(today=TODAY).shown}


def showcase_request(key: str) -> InfoRequest:
    case = next(c for c in CASES if c.key == key)
    return InfoRequest.objects.get(title=title_of(case))


def test_the_showcase_has_a_request_in_each_state_of_the_procedure(shown):
    assert {key: (s.status, s.reply_status) for key, s in shown.items()} == EXPECTED
    assert set(Status.values) <= {status for status, _reply in EXPECTED.values()}


def test_the_showcase_is_loaded_once_and_listed_again(shown):
    again = load_showcase(today=TODAY)
    assert again.created == 0
    assert [s.tracking_code for s in again.shown] == [s.tracking_code for s in shown.values()]
    assert InfoRequest.objects.count() == len(CASES)


def test_every_step_of_the_showcase_went_through_the_services_with_its_history(shown):
    extended = showcase_request("extended")
    assert extended.extension_days == 20
    assert extended.events.filter(action="extend").exists()
    assert extended.due_date is not None
    assert extended.due_date > TODAY
    closed = showcase_request("closed")
    assert closed.events.filter(action="correction_overdue").exists()
    assert all(r.received_on is None or r.received_on <= TODAY for r in InfoRequest.objects.all())


def test_the_replied_request_was_reviewed_and_signed_by_the_demo_s_people(shown):
    event = showcase_request("replied").events.get(action="reply")
    assert event.data["direct"] is False
    assert event.data["reviewed_by"] == "王审核"
    assert event.data["signed_by"] == "张签发"
    assert [f["kind"] for f in event.data["files"]] == ["pdf", "docx"]


def test_the_applicant_downloads_the_reply_s_files_with_the_key(shown, client):
    replied = shown["replied"]
    key = {"HTTP_X_ACCESS_KEY": replied.access_key}
    answer = client.get(f"/api/v1/requests/{replied.tracking_code}", **key).json()
    assert [f["name"].rsplit(".", 1)[1] for f in answer["files"]] == ["pdf", "docx"]
    pdf = client.get(answer["files"][0]["url"], **key)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(answer["files"][1]["url"], **key)
    assert b"".join(docx.streaming_content).startswith(b"PK")
    assert "reply_notice" in [d["kind"] for d in answer["documents"]]
    assert client.get(answer["files"][0]["url"]).status_code in (401, 403, 404)  # not without the key


def test_the_applicant_opens_the_replied_request_by_its_private_link_and_sees_its_files(shown, client):
    page = client.get(shown["replied"].private_path).content.decode()
    for stored in RequestFile.objects.filter(request=showcase_request("replied")):
        assert stored.name in page


def test_the_answered_correction_carries_the_applicant_s_file(shown):
    answered = showcase_request("correction_answered")
    assert answered.events.filter(action="receive_correction").exists()
    assert answered.files.filter(from_applicant=True, purpose=RequestFile.Purpose.CORRECTION).count() == 1


def test_the_request_awaiting_receipt_is_with_an_agency_that_confirms_by_hand(shown):
    submitted = showcase_request("submitted")
    assert submitted.agency.code == "YG-DC-JYJ"
    assert submitted.received_on is None


def test_the_demo_requests_command_prints_each_showcase_request_s_code_key_and_links(demo_city):
    out = io.StringIO()
    call_command("demo_requests", "--count", "0", "--today", TODAY.isoformat(), stdout=out)
    printed = out.getvalue()
    for request in InfoRequest.objects.all():
        assert request.tracking_code in printed
        assert access.access_key_for(request) in printed
        assert access.private_path(request) in printed
        assert f"/staff/requests/{request.pk}/" in printed
