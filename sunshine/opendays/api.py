"""Open days in the JSON API: the public list and event (no registrant's data) and registration
(``POST /api/v1/open-days/{id}/registrations``: 201, ``"status": "confirmed"`` or ``"waiting"``;
409 ``registration_closed`` outside the window)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from sunshine.opendays import selectors, services
from sunshine.opendays.models import MAX_PEOPLE, Event, EventStatus

router = Router()


class OpenDayOut(Schema):
    id: int
    agency: str
    agency_name: str
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    capacity: int
    places_left: int
    registration_opens_at: datetime.datetime
    registration_closes_at: datetime.datetime
    registration_open: bool
    status: str
    cancel_reason: str
    report_url: str | None
    url: str


class RegistrationIn(Schema):
    name: str = Field(max_length=100)
    phone: str = Field(max_length=30)
    email: str = Field(max_length=254)
    people: int = Field(1, ge=1, le=MAX_PEOPLE)


class RegistrationOut(Schema):
    id: int
    event: int
    status: str = Field(description="confirmed, or waiting when the places are taken")
    people: int
    cancel_key: str = Field(description="shown once and e-mailed: it cancels the registration")
    cancel_url: str


def report_url(event: Event) -> str | None:
    record = event.report
    if record is None or not record.index_number:
        return None  # linked once the report record is published
    return reverse("portal:record_detail", args=[record.index_number])


def registration_open(event: Event, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.registration_opens_at <= now < event.registration_closes_at
    )


def event_data(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "agency": event.agency.code,
        "agency_name": event.agency.display_name,
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "capacity": event.capacity,
        "places_left": max(event.capacity - selectors.places_taken(event), 0),
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "registration_open": registration_open(event),
        "status": event.status,
        "cancel_reason": event.cancel_reason if event.status == EventStatus.CANCELLED else "",
        "report_url": report_url(event),
        "url": reverse("open_days:event", args=[event.pk]),
    }


@router.get("", response=list[OpenDayOut], summary="Open days, the next first", auth=None)
def list_open_days(request: HttpRequest) -> list[dict[str, Any]]:
    """Published, held and cancelled open days (never drafts), by their start."""
    return [event_data(event) for event in selectors.public_events().order_by("-starts_at", "-pk")[:100]]


@router.get("/{event_id}", response=OpenDayOut, summary="One open day", auth=None)
def get_open_day(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return event_data(selectors.get_public_event(event_id))


@router.post(
    "/{event_id}/registrations",
    response={201: RegistrationOut},
    summary="Register for an open day",
    auth=None,
)
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Status[dict[str, Any]]:
    """Confirmed while places remain; when they are taken the registration waits in line
    (``"status": "waiting"``) and moves up when someone cancels. 409 ``registration_closed``
    outside the registration window; 422 ``validation_error`` with a message per field."""
    event = selectors.get_public_event(event_id)
    registration, key = services.register(event=event, **payload.dict())
    return Status(
        201,
        {
            "id": registration.pk,
            "event": event.pk,
            "status": registration.status,
            "people": registration.people,
            "cancel_key": key,
            "cancel_url": reverse("open_days:cancel", args=[registration.pk, key]),
        },
    )
