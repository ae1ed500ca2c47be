"""The applicant answers a fee notice through the API (``POST /api/v1/requests/{code}/fee`` with the
``X-Access-Key``), as JSON or multipart: ``paid`` keeps a declaration the office checks, ``declined``
closes the request through ``decline_fee``; the request's JSON shows the fee block; a declined fee
is counted like a fee not paid in time, in the statistics, the annual report and the reply notice.

Received Tue 2026-10-13; fee notice Wed 10-14 for 40 pages (100 yuan), payable within 20 working
days; today is Thu 10-15.
"""

from __future__ import annotations

import io

import pytest

from sunshine.annualreports.tables import applications_table
from sunshine.inforequests import access
from sunshine.inforequests.documents.kinds import REPLY_NOTICE
from sunshine.inforequests.documents.render import render_text
from sunshine.inforequests.fee_answer import answer_fee
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.inforequests.statistics import request_statistics
from tests.backoffice import D, act, fixed_today, paper_request
from tests.records.files import make_pdf

PDF = make_pdf("Payment receipt")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def awaiting(tree, alice) -> InfoRequest:
    request = paper_request(tree["education"], D(2026, 10, 13))
    return act(request, "notify_fee", D(2026, 10, 14), by=alice, method="per_page", pages=40)


def post_fee(client, request: InfoRequest, body: dict, *, key: str | None = None, json: bool = True):
    key = access.access_key_for(request) if key is None else key
    url = f"/api/v1/requests/{request.tracking_code}/fee"
    if json:
        return client.post(
            url, body, content_type="application/json", HTTP_X_ACCESS_KEY=key, HTTP_ACCEPT_LANGUAGE="en"
        )
    return client.post(url, body, HTTP_X_ACCESS_KEY=key, HTTP_ACCEPT_LANGUAGE="en")


def test_the_request_json_shows_the_fee_block(client, awaiting):
    data = client.get(
        f"/api/v1/requests/{awaiting.tracking_code}", HTTP_X_ACCESS_KEY=access.access_key_for(awaiting)
    ).json()
    fee = data["fee"]
    assert fee["state"] == "pending"
    assert (fee["amount"], fee["method"], fee["currency"]) == (100, "per_page", "CNY")
    assert fee["payable_by"] == awaiting.fee_due.isoformat()
    assert fee["payable_by_provisional"] is False
    assert fee["payment_declared"] is None
    assert fee["declined_on"] is None


def test_paid_as_json_keeps_the_declaration_and_the_clock_stays_stopped(client, awaiting):
    response = post_fee(
        client, awaiting, {"decision": "paid", "reference": "FS-2026-001", "paid_on": "2026-10-15"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "awaiting_fee"
    assert data["due_date"] is None
    assert data["clock"]["state"] == "paused"
    assert data["fee"]["state"] == "pending"
    declared = data["fee"]["payment_declared"]
    assert declared["reference"] == "FS-2026-001"
    assert declared["paid_on"] == "2026-10-15"
    assert data["events"][-1]["action"] == "declare_fee_payment"
    assert "FS-2026-001" in data["events"][-1]["text"]


def test_paid_as_multipart_takes_a_copy_of_the_receipt(client, awaiting):
    response = post_fee(
        client, awaiting, {"decision": "paid", "reference": "FS-9", "files": [io.BytesIO(PDF)]}, json=False
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["fee"]["payment_declared"]["paid_on"] is None
    assert [f["name"] for f in data["files"]] == [RequestFile.objects.get().name]
    download = client.get(data["files"][0]["url"], HTTP_X_ACCESS_KEY=access.access_key_for(awaiting))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_declaration_without_a_reference_answers_the_one_error_shape(client, awaiting):
    response = post_fee(client, awaiting, {"decision": "paid"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"reference"}
    assert InfoRequest.objects.get(pk=awaiting.pk).fee_declared_at is None


def test_an_unknown_decision_is_refused_on_the_field_decision(client, awaiting):
    response = post_fee(client, awaiting, {"decision": "maybe"})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"decision"}
    multipart = post_fee(client, awaiting, {"decision": "maybe"}, json=False)
    assert multipart.status_code == 422
    assert set(multipart.json()["error"]["fields"]) == {"decision"}


def test_a_body_that_is_not_json_is_a_400_in_the_one_error_shape(client, awaiting):
    response = client.post(
        f"/api/v1/requests/{awaiting.tracking_code}/fee",
        "{not json",
        content_type="application/json",
        HTTP_X_ACCESS_KEY=access.access_key_for(awaiting),
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_declined_closes_the_request_through_the_kernel(client, awaiting, today):
    response = post_fee(client, awaiting, {"decision": "declined"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "closed"
    assert data["outcome"] == "other_fee_unpaid"
    assert data["concluded_on"] == today.isoformat()
    assert data["fee"]["state"] == "declined"
    assert data["fee"]["declined_on"] == today.isoformat()
    assert data["history"][-1]["action"] == "decline_fee"
    assert "declined to pay the fee" in data["events"][-1]["text"]
    again = post_fee(client, awaiting, {"decision": "paid", "reference": "late"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "action_not_allowed"


def test_a_wrong_key_is_a_404_and_changes_nothing(client, awaiting):
    response = post_fee(client, awaiting, {"decision": "declined"}, key="0" * 24)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_fee"


def test_staff_may_record_that_the_applicant_declined_in_writing(client, awaiting, alice):
    act(awaiting, "decline_fee", D(2026, 10, 15), by=alice)
    stored = InfoRequest.objects.get(pk=awaiting.pk)
    assert stored.status == "closed"
    event = stored.events.get(action="decline_fee")
    assert event.data["by_applicant"] is False


def test_a_declined_fee_is_counted_like_a_fee_not_paid_in_time(tree, alice, awaiting):
    unpaid = paper_request(tree["education"], D(2026, 8, 31))
    act(unpaid, "notify_fee", D(2026, 9, 1), by=alice, method="per_page", pages=40)
    act(unpaid, "fee_unpaid", D(2026, 10, 15), by=alice)
    answer_fee(request=awaiting, decision="declined")

    figures = request_statistics(agency=tree["education"], year=2026)
    assert figures.closed == 2
    assert figures.outcomes["other_fee_unpaid"] == 2
    table = applications_table(InfoRequest.objects.filter(agency=tree["education"]), 2026)
    assert table["other_fee_unpaid"]["total"] == 2


def test_the_reply_notice_of_a_declined_fee_says_the_applicant_declined(awaiting):
    declined = answer_fee(request=awaiting, decision="declined")
    text = render_text(declined, REPLY_NOTICE)
    assert "告知本机关不缴纳该费用" in text
    assert "逾期未按缴费通知要求缴纳费用" not in text
