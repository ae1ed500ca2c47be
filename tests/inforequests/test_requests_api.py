"""The request API as applicants and staff use it."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.inforequests.models import InfoRequest
from tests.api_helpers import bearer, token_for
from tests.inforequests.conftest import CITIZEN_ID

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")

# The acceptance tests hold on any day of the year (from the last date the tests record, 2026-11-10):
# inside the published calendar, in December with next year unpublished (the reply period runs on its
# estimate), on a Sunday, on the last day of the year, and in a year with no published calendar.
DAYS = (
    datetime.date(2026, 11, 23),  # a Monday: reply due 2026-12-21, all published
    datetime.date(2026, 12, 7),  # December: the reply period runs into unpublished 2027
    datetime.date(2026, 12, 13),  # a Sunday: an online application is received on Monday
    datetime.date(2026, 12, 31),  # the last day of the year
    datetime.date(2027, 6, 15),  # a day of a year whose calendar is not published
)


@pytest.fixture(autouse=True, params=DAYS, ids=lambda day: day.isoformat())
def today(request, monkeypatch):
    """The site's clock stands on each of DAYS in turn."""
    day = request.param
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
    return day


def body(**overrides):
    data = {
        "agency": "CITY-EDU",
        "applicant": {
            "kind": "natural_person",
            "name": "陈小明",
            "id_type": "resident_id",
            "id_number": CITIZEN_ID,
            "phone": "13800138000",
            "email": "chen@example.com",
            "address": "阳光市人民路1号",
        },
        "description": "2025年度部门预算执行情况",
        "document_number": "",
        "delivery": {"form": "electronic", "method": "email"},
    }
    data.update(overrides)
    return data


def post(client, data, **headers):
    return client.post("/api/v1/requests", data, content_type="application/json", **headers)


def test_an_applicant_submits_and_gets_a_tracking_code_and_key(client, tree):
    response = post(client, body())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["tracking_code"]
    assert created["access_key"]
    assert created["agency"] == "CITY-EDU"
    assert created["status"] == "received"
    assert created["applicant"]["name"] == "陈小明"
    assert {"id", "tracking_code", "agency", "status", "outcome", "received_on", "due_date"} <= set(created)


def test_the_key_holder_follows_the_request(client, tree):
    created = post(client, body()).json()
    response = client.get(
        f"/api/v1/requests/{created['tracking_code']}", HTTP_X_ACCESS_KEY=created["access_key"]
    )
    assert response.status_code == 200
    followed = response.json()
    assert followed["due_date"] == created["due_date"]
    assert followed["applicant"]["id_number"] == CITIZEN_ID
    assert [step["action"] for step in followed["history"]] == ["submit", "confirm_receipt"]


@pytest.mark.parametrize("key", [None, "", "wrong-key", "0" * 24])
def test_nobody_without_the_key_sees_the_request(client, tree, key):
    created = post(client, body()).json()
    headers = {} if key is None else {"HTTP_X_ACCESS_KEY": key}
    response = client.get(f"/api/v1/requests/{created['tracking_code']}", **headers)
    assert response.status_code == 404
    assert "陈小明" not in response.content.decode()
    assert CITIZEN_ID not in response.content.decode()


def test_the_key_is_not_stored(client, tree):
    created = post(client, body()).json()
    stored = InfoRequest.objects.get(tracking_code=created["tracking_code"])
    assert created["access_key"] not in {stored.access_salt, stored.tracking_code}


def test_a_repeated_idempotency_key_returns_the_first_request(client, tree):
    first = post(client, body(), HTTP_IDEMPOTENCY_KEY="abc-123")
    second = post(client, body(), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == second.status_code == 201
    assert first.json()["tracking_code"] == second.json()["tracking_code"]
    assert first.json()["access_key"] == second.json()["access_key"]
    assert InfoRequest.objects.count() == 1


def test_an_applicant_applying_through_the_api_gets_one_receipt_by_e_mail(
    client, tree, mailoutbox, django_capture_on_commit_callbacks
):
    headers = {"HTTP_IDEMPOTENCY_KEY": "receipt-once"}
    with django_capture_on_commit_callbacks(execute=True):
        created = post(client, body(), **headers).json()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, body(), **headers)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["chen@example.com"]
    assert created["tracking_code"] in mailoutbox[0].body
    assert created["access_key"] in mailoutbox[0].body


def test_the_same_idempotency_key_with_another_body_is_refused(client, tree):
    post(client, body(), HTTP_IDEMPOTENCY_KEY="abc-123")
    response = post(client, body(description="别的信息"), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert InfoRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"agency": "NOPE"}, "agency"),
        ({"description": ""}, "description"),
        ({"delivery": {"form": "electronic", "method": "pigeon"}}, "delivery.method"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(client, tree, change, field):
    response = post(client, body(**change))
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not InfoRequest.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="inforequest").exists()


def test_a_wrong_identity_number_is_refused_in_chinese_by_default(client, tree):
    data = body()
    data["applicant"] = {**data["applicant"], "id_number": "110105194912310021"}
    response = post(client, data)
    assert response.status_code == 422
    message = response.json()["error"]["fields"]["applicant.id_number"]
    assert "身份" in message


def test_an_organisation_applies_with_its_credit_code(client, tree):
    data = body()
    data["applicant"] = {
        "kind": "legal_service_org",
        "name": "阳光律师事务所",
        "id_type": "credit_code",
        "id_number": "31330000MD0123456X",
        "email": "law@example.com",
    }
    response = post(client, data)
    assert response.status_code == 201, response.content


def test_staff_register_a_paper_request_with_its_date_of_receipt(client, alice, tree):
    token = token_for(client, "alice")
    data = body(channel="post", received_on="2026-09-21")
    response = client.post("/api/v1/staff/requests", data, content_type="application/json", **bearer(token))
    assert response.status_code == 201, response.content
    assert response.json()["received_on"] == "2026-09-21"
    assert response.json()["due_date"] == "2026-10-26"
    assert AuditEntry.objects.filter(action="inforequest.register", actor_name="alice").exists()


def test_staff_cannot_register_for_an_agency_out_of_their_reach(client, alice, tree):
    token = token_for(client, "alice")
    data = body(agency="CITY-FIN", channel="post", received_on="2026-09-21")
    response = client.post("/api/v1/staff/requests", data, content_type="application/json", **bearer(token))
    assert response.status_code == 422
    assert not InfoRequest.objects.exists()


def test_staff_walk_a_request_through_the_actions_api(client, alice, tree):
    token = token_for(client, "alice")
    created = client.post(
        "/api/v1/staff/requests",
        body(channel="in_person", received_on="2026-09-21"),
        content_type="application/json",
        **bearer(token),
    ).json()

    def act(**data):
        return client.post(
            f"/api/v1/staff/requests/{created['id']}/actions",
            data,
            content_type="application/json",
            **bearer(token),
        )

    response = act(action="start_consultation", date="2026-09-22", party="agency")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_consultation"
    response = act(action="end_consultation", date="2026-09-24")
    # 09-23, 24 not counted: due 10-26 + 2 working days = 10-28
    assert response.json()["due_date"] == "2026-10-28"
    response = act(
        action="reply", date="2026-10-09", outcome="withheld_third_party", reasons="第三方不同意公开"
    )
    assert response.json()["status"] == "replied"
    assert response.json()["outcome"] == "withheld_third_party"

    conflict = act(action="extend", date="2026-10-12", working_days=5, reason="r", approved_by="a")
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "action_not_allowed"


def test_an_action_dated_in_the_future_is_refused(client, alice, tree):
    token = token_for(client, "alice")
    created = client.post(
        "/api/v1/staff/requests",
        body(channel="post", received_on="2026-09-21"),
        content_type="application/json",
        **bearer(token),
    ).json()
    response = client.post(
        f"/api/v1/staff/requests/{created['id']}/actions",
        {"action": "withdraw", "date": "2099-01-01"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 422
    assert "date" in response.json()["error"]["fields"]


def test_a_reconsideration_is_recorded_against_a_request(client, alice, tree):
    token = token_for(client, "alice")
    created = client.post(
        "/api/v1/staff/requests",
        body(channel="post", received_on="2026-09-21"),
        content_type="application/json",
        **bearer(token),
    ).json()
    response = client.post(
        f"/api/v1/staff/requests/{created['id']}/reviews",
        {"kind": "reconsideration", "filed_on": "2026-10-20", "result": "upheld", "decided_on": "2026-11-10"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    detail = client.get(f"/api/v1/staff/requests/{created['id']}", **bearer(token)).json()
    assert detail["reviews"][0]["kind"] == "reconsideration"
    pending_with_date = client.post(
        f"/api/v1/staff/requests/{created['id']}/reviews",
        {
            "kind": "litigation_direct",
            "filed_on": "2026-10-20",
            "result": "pending",
            "decided_on": "2026-11-10",
        },
        content_type="application/json",
        **bearer(token),
    )
    assert pending_with_date.status_code == 422


def test_staff_of_another_agency_cannot_see_a_request(client, alice, make_user, tree):
    from sunshine.agencies.models import Role

    make_user("fin", agency=tree["finance"], role=Role.OFFICER)
    created = post(client, body()).json()
    token = token_for(client, "fin")
    assert client.get(f"/api/v1/staff/requests/{created['id']}", **bearer(token)).status_code == 404
    queue = client.get("/api/v1/staff/requests", **bearer(token)).json()
    assert queue["count"] == 0


def test_the_queue_lists_open_requests_with_their_clock(client, olga, tree):
    post(client, body())
    token = token_for(client, "olga")
    queue = client.get("/api/v1/staff/requests", **bearer(token)).json()
    assert queue["count"] == 1
    row = queue["results"][0]
    assert row["state"] in {"on_time", "due_soon"}
    assert row["remaining_working_days"] is not None
