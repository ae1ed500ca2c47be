"""The staff API of letters: register, the queue, one letter, and steps through the action endpoint."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters.models import Letter
from tests.api_helpers import bearer, token_for

TODAY = datetime.date(2026, 10, 9)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def body(**overrides):
    data = {
        "agency": "CITY-EDU",
        "kind": "complaint",
        "subject": "学校收费问题",
        "body": "来信反映学校收取额外费用。",
        "writer": {"name": "陈小明", "phone": "13800138000"},
        "publish_consent": False,
        "received_on": "2026-09-30",
        "channel": "post",
    }
    data.update(overrides)
    return data


def register(client, token, **overrides):
    return client.post(
        "/api/v1/staff/letters", body(**overrides), content_type="application/json", **bearer(token)
    )


def act(client, token, pk, **data):
    return client.post(
        f"/api/v1/staff/letters/{pk}/actions", data, content_type="application/json", **bearer(token)
    )


def test_an_officer_registers_a_letter_received_by_post(client, alice):
    response = register(client, token_for(client, "alice"))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["received_on"] == "2026-09-30"
    assert created["due_date"] == "2026-10-27"
    assert created["channel"] == "post"
    assert Letter.objects.get().created_by == alice


def test_a_reviewer_may_not_register_and_online_is_not_a_staff_channel(client, rita, alice):
    assert register(client, token_for(client, "rita")).status_code == 403
    wrong = register(client, token_for(client, "alice"), channel="online")
    assert wrong.status_code == 422
    assert "channel" in wrong.json()["error"]["fields"]
    assert Letter.objects.count() == 0


def test_staff_take_steps_and_read_the_letter(client, alice):
    token = token_for(client, "alice")
    pk = register(client, token).json()["id"]
    accepted = act(client, token, pk, action="accept", date="2026-10-08")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    assert "reply" in accepted.json()["permitted_actions"]
    letter = client.get(f"/api/v1/staff/letters/{pk}", **bearer(token)).json()
    assert {
        "id",
        "tracking_code",
        "agency",
        "kind",
        "status",
        "received_on",
        "due_date",
        "due_date_provisional",
    } <= set(letter)
    assert [e["action"] for e in letter["events"]] == ["register", "accept"]
    assert letter["events"][1]["by"] == "alice"


def test_the_action_endpoint_answers_403_409_and_422(client, alice, rita):
    pk = register(client, token_for(client, "alice")).json()["id"]
    rita_token, alice_token = token_for(client, "rita"), token_for(client, "alice")
    assert act(client, rita_token, pk, action="accept").status_code == 403
    assert act(client, alice_token, pk, action="close").status_code == 409
    typed = act(client, alice_token, pk, action="extend", working_days="many")
    assert typed.status_code == 422
    assert "working_days" in typed.json()["error"]["fields"]
    unknown = act(client, alice_token, pk, action="fly")
    assert unknown.status_code == 422


def test_a_reviewer_reads_but_has_no_steps(client, alice, rita):
    pk = register(client, token_for(client, "alice")).json()["id"]
    letter = client.get(f"/api/v1/staff/letters/{pk}", **bearer(token_for(client, "rita"))).json()
    assert letter["permitted_actions"] == []
    assert letter["read_only"] is True


def test_other_agencies_staff_do_not_see_the_letter(client, alice, fred):
    pk = register(client, token_for(client, "alice")).json()["id"]
    assert client.get(f"/api/v1/staff/letters/{pk}", **bearer(token_for(client, "fred"))).status_code == 404


def test_after_a_transfer_the_sender_reads_and_the_receiver_acts(client, alice, fred):
    alice_token, fred_token = token_for(client, "alice"), token_for(client, "fred")
    pk = register(client, alice_token).json()["id"]
    moved = act(
        client,
        alice_token,
        pk,
        action="transfer",
        to_agency="CITY-FIN",
        reason="财政局职责",
        date="2026-10-08",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["agency"] == "CITY-FIN"
    assert moved.json()["due_date"] == "2026-10-28"  # 9, 10, 12–16, 19–23, 26–28 October
    assert moved.json()["read_only"] is True
    assert act(client, alice_token, pk, action="accept").status_code == 403
    assert act(client, fred_token, pk, action="accept").json()["status"] == "accepted"


# Due soon: up to 3 working days ahead of 9 October, so until 13 October (10, 12, 13).
def test_the_queue_lists_open_letters_nearest_due_first_with_due_soon_and_overdue(client, alice):
    token = token_for(client, "alice")
    late = register(client, token, received_on="2026-09-01").json()  # due 2026-09-22: overdue
    soon = register(client, token, kind="consultation", received_on="2026-09-30").json()  # due 2026-10-13
    later = register(client, token, received_on="2026-10-09").json()  # due 2026-10-29
    done = register(client, token, received_on="2026-10-09").json()
    act(client, token, done["id"], action="return", reason="不属于受理范围")
    queue = client.get("/api/v1/staff/letters", **bearer(token)).json()
    assert [item["id"] for item in queue["items"]] == [late["id"], soon["id"], later["id"]]
    assert [item["state"] for item in queue["items"]] == ["overdue", "due_soon", "on_time"]
    assert (queue["count"], queue["overdue"], queue["due_soon"]) == (3, 1, 1)
