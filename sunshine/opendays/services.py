"""State changes of open days, each one transaction with an audit row (``opendays.*``):

- staff: ``create_event`` (a draft), ``publish_event``, ``cancel_event`` (the registrants are told),
  ``mark_held`` and ``write_report`` (a record draft of the agency's catalogue, through the records
  services, so it is reviewed and published like any record);
- the public: ``register`` (confirmed while places remain, else on the waiting list; 409
  ``registration_closed`` outside the window) and ``cancel_registration`` (with the cancel key; the
  waiting list moves up in order and each person moved up is e-mailed);
- the daily command: ``send_reminders`` (the day before, to confirmed registrations, once each).

E-mails leave after the commit (``notices``).
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.core import access_keys, audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.opendays import notices, selectors
from sunshine.opendays.models import MAX_PEOPLE, Event, EventStatus, Registration, RegistrationStatus
from sunshine.records import services as record_services

KEY_PURPOSE = "sunshine.opendays.cancel"
TITLE_MAX = 200
PLACE_MAX = 300
DESCRIPTION_MAX = 10_000
EVENT_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
)


def event_snapshot(event: Event) -> dict[str, Any]:
    return audit.snapshot(event, [*EVENT_FIELDS, "status", "report"])


def registration_snapshot(registration: Registration) -> dict[str, Any]:
    """What the audit keeps of a registration: never the person's name, phone or e-mail."""
    return audit.snapshot(registration, ["event", "people", "status"])


def cancel_key(registration: Registration) -> str:
    return access_keys.derive(KEY_PURPOSE, str(registration.pk), registration.key_salt)


def key_matches(registration: Registration, typed: str | None) -> bool:
    return access_keys.matches(KEY_PURPOSE, str(registration.pk), registration.key_salt, typed)


def _forbidden() -> WorkflowForbidden:
    return WorkflowForbidden(
        _("Only the agency's information officers and its disclosure office manage its open days.")
    )


def _not_allowed(message: str) -> WorkflowError:
    return WorkflowError(409, "action_not_allowed", message)


def _clean_event(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for name in ("title", "place", "description"):
        values[name] = (values.get(name) or "").strip()
    if not values["title"]:
        errors["title"] = _("Give the title.")
    elif len(values["title"]) > TITLE_MAX:
        errors["title"] = _("At most %(limit)d characters.") % {"limit": TITLE_MAX}
    if not values["place"]:
        errors["place"] = _("Give the place.")
    elif len(values["place"]) > PLACE_MAX:
        errors["place"] = _("At most %(limit)d characters.") % {"limit": PLACE_MAX}
    if len(values["description"]) > DESCRIPTION_MAX:
        errors["description"] = _("At most %(limit)d characters.") % {"limit": DESCRIPTION_MAX}
    capacity = values.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = _("Give at least one place.")
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        if not isinstance(values.get(name), datetime.datetime):
            errors[name] = _("Give the date and time.")
    if not errors:
        if values["ends_at"] <= values["starts_at"]:
            errors["ends_at"] = _("The end is before the start.")
        if values["registration_closes_at"] <= values["registration_opens_at"]:
            errors["registration_closes_at"] = _("Registration closes before it opens.")
        elif values["registration_closes_at"] > values["starts_at"]:
            errors["registration_closes_at"] = _(
                "Registration closes at the latest when the open day starts."
            )
    if errors:
        raise invalid(errors)
    return values


def create_event(*, agency: Agency, by: AnyUser, **fields: Any) -> Event:
    """A new open day of ``agency``, as a draft."""
    if not selectors.may_manage(by, agency):
        raise _forbidden()
    if not agency.is_active:
        raise invalid({"agency": _("This agency is no longer active.")})
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"not event fields: {', '.join(sorted(unknown))}")
    values = _clean_event({name: fields.get(name) for name in EVENT_FIELDS})
    with transaction.atomic():
        event = Event.objects.create(agency=agency, created_by=person_or_none(by), **values)
        audit.record(
            actor=by, action="opendays.create", obj=event, after=event_snapshot(event), agency=agency
        )
    return event


def _step(event: Event, by: AnyUser, allowed: set[str], message: str) -> tuple[Event, dict[str, Any]]:
    """The event's row locked, the person's roles and its status checked."""
    locked = Event.objects.select_for_update().select_related("agency").get(pk=event.pk)
    if not selectors.may_manage(by, locked.agency):
        raise _forbidden()
    if locked.status not in allowed:
        raise _not_allowed(message)
    return locked, event_snapshot(locked)


@transaction.atomic
def publish_event(*, event: Event, by: AnyUser) -> Event:
    event, before = _step(event, by, {EventStatus.DRAFT}, _("Only a draft is published."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(
        actor=by,
        action="opendays.publish",
        obj=event,
        before=before,
        after=event_snapshot(event),
        agency=event.agency,
    )
    return event


@transaction.atomic
def cancel_event(*, event: Event, by: AnyUser, reason: str) -> Event:
    """The open day will not take place: everyone registered (confirmed or waiting) is e-mailed."""
    if not reason.strip():
        raise invalid({"reason": _("Say why the open day is cancelled.")})
    event, before = _step(
        event,
        by,
        {EventStatus.DRAFT, EventStatus.PUBLISHED},
        _("A held or cancelled open day cannot be cancelled."),
    )
    event.status = EventStatus.CANCELLED
    event.cancel_reason = reason.strip()
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.record(
        actor=by,
        action="opendays.cancel",
        obj=event,
        before=before,
        after={**event_snapshot(event), "reason": event.cancel_reason},
        agency=event.agency,
    )
    for registration in event.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related(
        "event"
    ):
        transaction.on_commit(partial(notices.event_cancelled, registration))
    return event


@transaction.atomic
def mark_held(*, event: Event, by: AnyUser, now: datetime.datetime | None = None) -> Event:
    event, before = _step(event, by, {EventStatus.PUBLISHED}, _("Only a published open day is marked held."))
    if event.starts_at > (now or timezone.now()):
        raise _not_allowed(_("The open day has not started yet."))
    event.status = EventStatus.HELD
    event.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=by,
        action="opendays.held",
        obj=event,
        before=before,
        after=event_snapshot(event),
        agency=event.agency,
    )
    return event


@transaction.atomic
def write_report(*, event: Event, by: AnyUser, title: str, category: Any, body: str) -> Event:
    """The report of a held open day, as a record draft of the agency's catalogue (the records
    services: reviewed, signed and published like any record); the event links to it."""
    event, before = _step(
        event, by, {EventStatus.HELD}, _("The report is written once the open day is held.")
    )
    if event.report_id is not None:
        raise _not_allowed(_("This open day has its report already."))
    revision = record_services.create_draft(
        agency=event.agency,
        by=by,
        title=title,
        category=category,
        body=body,
        formation_date=timezone.localdate(),
    )
    event.report = revision.record
    event.save(update_fields=["report", "updated_at"])
    audit.record(
        actor=by,
        action="opendays.report",
        obj=event,
        before=before,
        after=event_snapshot(event),
        agency=event.agency,
    )
    return event


def _clean_registration(name: str, phone: str, email: str, people: Any) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values = {"name": name.strip(), "phone": phone.strip(), "email": email.strip(), "people": people}
    if not values["name"]:
        errors["name"] = _("Give your name.")
    elif len(values["name"]) > 100:
        errors["name"] = _("At most %(limit)d characters.") % {"limit": 100}
    if not values["phone"]:
        errors["phone"] = _("Give a phone number.")
    elif len(values["phone"]) > 30:
        errors["phone"] = _("At most %(limit)d characters.") % {"limit": 30}
    try:
        validate_email(values["email"])
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if not isinstance(people, int) or not 1 <= people <= MAX_PEOPLE:
        errors["people"] = _("From 1 to %(n)d people.") % {"n": MAX_PEOPLE}
    if errors:
        raise invalid(errors)
    return values


def register(
    *, event: Event, name: str, phone: str, email: str, people: int, now: datetime.datetime | None = None
) -> tuple[Registration, str]:
    """A registration and its cancel key (shown once, e-mailed, never stored). Confirmed while the
    places allow, else on the waiting list; 409 ``registration_closed`` outside the window (or when
    the event is not open for registration)."""
    now = now or timezone.now()
    values = _clean_registration(name, phone, email, people)
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("agency").get(pk=event.pk)
        if (
            event.status != EventStatus.PUBLISHED
            or not event.agency.is_active
            or not event.registration_opens_at <= now < event.registration_closes_at
        ):
            raise WorkflowError(409, "registration_closed", _("Registration for this open day is not open."))
        free = event.capacity - selectors.places_taken(event)
        waiting = selectors.waiting_line(event).exists()
        confirmed = values["people"] <= free and not waiting  # no one passes those already waiting
        registration = Registration.objects.create(
            event=event,
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
            confirmed_at=now if confirmed else None,
            key_salt=access_keys.new_salt(),
            **values,
        )
        audit.record(
            actor=None,
            action="opendays.register",
            obj=registration,
            after=registration_snapshot(registration),
            agency=event.agency,
        )
        key = cancel_key(registration)
        transaction.on_commit(partial(notices.registered, registration, key))
    return registration, key


def _move_up(event: Event, now: datetime.datetime) -> list[Registration]:
    """Confirm the waiting registrations in order while their people fit; the first that does not
    fit stops the line (nobody passes those before them)."""
    free = event.capacity - selectors.places_taken(event)
    moved: list[Registration] = []
    for registration in selectors.waiting_line(event):
        if registration.people > free:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        free -= registration.people
        moved.append(registration)
    return moved


def cancel_registration(
    *, registration: Registration, by: AnyUser | None = None, now: datetime.datetime | None = None
) -> Registration:
    """The registrant (with the key, checked by the caller) or staff cancel; the waiting list moves
    up and each person moved up is e-mailed."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("agency").get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if by is not None and not selectors.may_manage(by, event.agency):
            raise _forbidden()
        if registration.status == RegistrationStatus.CANCELLED:
            raise _not_allowed(_("This registration was cancelled already."))
        if event.status != EventStatus.PUBLISHED:
            raise _not_allowed(_("This open day is no longer open: nothing to cancel."))
        before = registration_snapshot(registration)
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        moved = _move_up(event, now)
        audit.record(
            actor=by,
            action="opendays.cancel_registration",
            obj=registration,
            before=before,
            after={**registration_snapshot(registration), "moved_up": [r.pk for r in moved]},
            agency=event.agency,
        )
        for promoted in moved:
            transaction.on_commit(partial(notices.moved_up, promoted))
    return registration


def send_reminders(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The day before an open day, a reminder to each confirmed registration that has none yet.
    Idempotent: a registration is reminded once (``reminded_at``), whatever the number of runs; a
    failed e-mail is tried again on the next run."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__date=tomorrow,
    ).select_related("event", "event__agency")
    sent = failed = 0
    for registration in due:
        if notices.reminder(registration):
            Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
            sent += 1
        else:
            failed += 1
    return {"sent": sent, "failed": failed}
