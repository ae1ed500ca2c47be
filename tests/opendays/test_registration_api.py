"""The open days in the API: the public list and event without anyone's data, and registration:
201 confirmed while places remain, 201 waiting when full, 409 registration_closed outside the window."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sunshine.opendays.models import Registration

PERSON = {"name": "李四", "phone": "13900139000", "email": "li@example.com", "people": 2}


def post(client, event, **overrides):
    return client.post(
        f"/api/v1/open-days/{event.pk}/registrations",
        {**PERSON, **overrides},
        content_type="application/json",
    )


def test_a_registration_with_places_left_is_confirmed(client, event):
    response = post(client, event)
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "confirmed"
    assert data["cancel_key"]
    assert Registration.objects.get().people == 2


def test_when_full_the_registration_waits_in_line_never_409(client, make_event):
    event = make_event(capacity=2)
    assert post(client, event).json()["status"] == "confirmed"
    response = post(client, event, people=1)
    assert response.status_code == 201
    assert response.json()["status"] == "waiting"


def test_outside_the_window_registration_is_closed(client, make_event):
    now = timezone.now()
    event = make_event(
        registration_opens_at=now + datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=2),
    )
    response = post(client, event)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "registration_closed"
    assert not Registration.objects.exists()


def test_bad_input_is_422_with_a_message_per_field_and_nothing_stored(client, event):
    response = post(client, event, email="not-an-address", people=4)
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) >= {"people"}
    response = post(client, event, email="not-an-address")
    assert response.status_code == 422
    assert "email" in response.json()["error"]["fields"]
    assert not Registration.objects.exists()


def test_a_draft_is_not_found(client, make_event):
    draft = make_event(publish=False)
    assert client.get(f"/api/v1/open-days/{draft.pk}").status_code == 404
    assert post(client, draft).status_code == 404
    assert client.get("/api/v1/open-days").json() == []


def test_the_public_event_tells_the_places_left_and_nobodys_data(client, event, sign_up):
    sign_up(event, people=3, name="王五", email="wang@example.com")
    data = client.get(f"/api/v1/open-days/{event.pk}").json()
    assert data["places_left"] == 1
    assert data["registration_open"] is True
    text = client.get("/api/v1/open-days").content.decode()
    assert "王五" not in text
    assert "wang@example.com" not in text
