"""The information-processing fee through the staff API: notice, the paused reply period, payment,
and closing a request whose fee was not paid (条例 Art. 42, 国办函〔2020〕109号).

Dates against the 2026 calendar: Mon 09-21 received, due 10-26 (20 working days). A fee notice on
Tue 09-22 is payable within 20 working days: 09-23, 24, (25 中秋 off) 28, 29, 30, (10-01..07 off)
10-08, 09, Sat 10-10 (make-up day), 10-12..16, 10-19..23, 10-26, 10-27 → payable by 10-27.
"""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.inforequests import services
from sunshine.inforequests.law import FEE_PAYMENT_WORKING_DAYS
from sunshine.inforequests.models import InfoRequest
from tests.api_helpers import bearer, token_for
from tests.inforequests.conftest import D
from tests.inforequests.test_requests_api import body

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")


@pytest.fixture
def token(client, alice):
    return token_for(client, "alice")


@pytest.fixture
def register(client, token):
    def make(received_on: str = "2026-09-21", **overrides) -> dict:
        data = body(channel="post", received_on=received_on, **overrides)
        response = client.post(
            "/api/v1/staff/requests", data, content_type="application/json", **bearer(token)
        )
        assert response.status_code == 201, response.content
        return response.json()

    return make


@pytest.fixture
def act(client, token):
    def post(request_id: int, **data):
        return client.post(
            f"/api/v1/staff/requests/{request_id}/actions",
            data,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
            **bearer(token),
        )

    return post


def test_the_payment_period_is_twenty_working_days():
    assert FEE_PAYMENT_WORKING_DAYS == 20


def test_a_per_page_fee_notice_pauses_the_clock_and_payment_moves_the_due_date(client, token, register, act):
    created = register()
    assert created["due_date"] == "2026-10-26"

    notified = act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=150)
    assert notified.status_code == 200, notified.content
    data = notified.json()
    assert data["status"] == "awaiting_fee"
    assert data["due_date"] is None  # the reply period does not run while the fee is unpaid
    assert data["clock"]["state"] == "paused"
    fee = data["fee"]
    assert fee["state"] == "pending"
    assert fee["method"] == "per_page"
    assert fee["amount"] == 70 * 10 + 50 * 20  # pages 31-100 at 10 yuan, 101-150 at 20 yuan
    assert fee["basis"]["pages"] == 150
    assert fee["notified_on"] == "2026-09-22"
    assert fee["payable_by"] == "2026-10-27"
    assert "record_fee_payment" in data["allowed_actions"]

    paid = act(created["id"], action="record_fee_payment", date="2026-09-29")
    assert paid.status_code == 200, paid.content
    data = paid.json()
    assert data["status"] == "received"
    assert data["fee"]["state"] == "paid"
    assert data["fee"]["paid_on"] == "2026-09-29"
    # 09-23, 24, 28, 29 did not count: 10-26 plus 4 working days = 10-27, 28, 29, 30
    assert data["due_date"] == "2026-10-30"
    assert [step["action"] for step in data["history"]] == ["register", "notify_fee", "record_fee_payment"]
    assert AuditEntry.objects.filter(action="inforequest.notify_fee", actor_name="alice").exists()
    assert AuditEntry.objects.filter(action="inforequest.record_fee_payment").exists()


def test_the_key_holder_sees_the_fee_notice(client, register, act):
    created = register()
    act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=31)
    followed = client.get(
        f"/api/v1/requests/{created['tracking_code']}", HTTP_X_ACCESS_KEY=created["access_key"]
    ).json()
    assert followed["status"] == "awaiting_fee"
    assert followed["fee"]["amount"] == 10
    assert followed["fee"]["payable_by"] == "2026-10-27"


def test_the_eleventh_application_of_the_month_costs_a_hundred_yuan(
    client, token, register, act, tree, applicant, wanted
):
    for day in range(1, 11):  # ten earlier applications of the same person in September
        services.submit_request(
            agency=tree["finance"],
            applicant=applicant,
            wanted=wanted,
            channel="post",
            received_on=D(2026, 9, day),
            by=None,
            today=D(2026, 9, 21),
        )
    services.submit_request(  # another month does not count
        agency=tree["education"],
        applicant=applicant,
        wanted=wanted,
        channel="post",
        received_on=D(2026, 8, 31),
        today=D(2026, 9, 21),
    )
    created = register()
    response = act(created["id"], action="notify_fee", date="2026-09-22", method="per_application")
    assert response.status_code == 200, response.content
    fee = response.json()["fee"]
    assert fee["amount"] == 100
    assert fee["method"] == "per_application"
    assert fee["basis"]["applications_in_month"] == 11
    assert fee["basis"]["month"] == "2026-09"


def test_no_fee_notice_for_an_applicant_within_the_free_ten(register, act):
    created = register()
    response = act(created["id"], action="notify_fee", date="2026-09-22", method="per_application")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_fee_due"
    assert "first 10" in response.json()["error"]["message"]
    assert InfoRequest.objects.get(pk=created["id"]).fee_notified_on is None


def test_no_fee_notice_for_thirty_pages_or_fewer(register, act):
    created = register()
    response = act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=30)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_fee_due"


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"method": "per_page"}, "pages"), ({"method": "per_page", "pages": 0}, "pages"), ({}, "method")],
)
def test_a_fee_notice_needs_a_method_and_for_pages_their_number(register, act, fields, field):
    created = register()
    response = act(created["id"], action="notify_fee", date="2026-09-22", **fields)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert InfoRequest.objects.get(pk=created["id"]).status == "received"


def test_an_unknown_fee_method_is_refused_by_the_api(register, act):
    created = register()
    response = act(created["id"], action="notify_fee", date="2026-09-22", method="per_kilo")
    assert response.status_code == 422


def test_an_unpaid_fee_closes_the_request_only_after_the_payment_period(register, act):
    created = register()
    act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=40)

    early = act(created["id"], action="fee_unpaid", date="2026-10-27")
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "fee_period_running"
    assert "2026-10-27" in early.json()["error"]["message"]
    assert InfoRequest.objects.get(pk=created["id"]).status == "awaiting_fee"

    closed = act(created["id"], action="fee_unpaid", date="2026-10-28")
    assert closed.status_code == 200, closed.content
    data = closed.json()
    assert data["status"] == "closed"
    assert data["outcome"] == "other_fee_unpaid"
    assert data["concluded_on"] == "2026-10-28"
    assert data["fee"]["state"] == "unpaid"


def test_a_payment_after_the_payment_period_is_refused(register, act):
    created = register()
    act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=40)
    response = act(created["id"], action="record_fee_payment", date="2026-10-28")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "fee_period_over"


def test_fee_actions_in_the_wrong_status_are_conflicts(register, act):
    created = register()
    for action in ("record_fee_payment", "fee_unpaid"):
        response = act(created["id"], action=action, date="2026-09-22")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "action_not_allowed"
    act(created["id"], action="reply", date="2026-09-23", outcome="disclosed", reasons="")
    response = act(created["id"], action="notify_fee", date="2026-09-24", method="per_page", pages=100)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "action_not_allowed"


def test_a_second_fee_notice_is_refused(register, act):
    created = register()
    act(created["id"], action="notify_fee", date="2026-09-22", method="per_page", pages=40)
    act(created["id"], action="record_fee_payment", date="2026-09-23")
    response = act(created["id"], action="notify_fee", date="2026-09-24", method="per_page", pages=40)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "fee_already_notified"


def test_staff_cannot_reply_with_the_fee_unpaid_outcome(register, act):
    created = register()
    response = act(created["id"], action="reply", date="2026-09-23", outcome="other_fee_unpaid", reasons="x")
    assert response.status_code == 422
    assert "outcome" in response.json()["error"]["fields"]
