"""Reads of open days: what the public sees, and what a member of staff may see and do. Every check
takes the acting user."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.http import Http404

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.opendays.models import Event, EventStatus, Registration, RegistrationStatus

# Who writes, publishes and cancels an agency's open days and writes the report.
MANAGER_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.HELD)


def public_events() -> QuerySet[Event]:
    """Events the public may read: published, held or cancelled (never drafts), of active agencies."""
    return Event.objects.filter(status__in=PUBLIC_STATUSES, agency__is_active=True).select_related(
        "agency", "report"
    )


def get_public_event(event_id: int) -> Event:
    try:
        return public_events().get(pk=event_id)
    except Event.DoesNotExist as exc:
        raise Http404(event_id) from exc


def events_for_staff(user: AnyUser) -> QuerySet[Event]:
    """Events of the agencies ``user`` works for (and those below, for tree roles)."""
    return Event.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency", "report")


def get_event_for_staff(user: AnyUser, event_id: int) -> Event:
    try:
        return events_for_staff(user).get(pk=event_id)
    except Event.DoesNotExist as exc:
        raise Http404(event_id) from exc


def may_manage(user: AnyUser, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & MANAGER_ROLES)


def managed_agencies(user: AnyUser) -> QuerySet[Agency]:
    return agencies_for_staff(user, roles=MANAGER_ROLES).filter(is_active=True).order_by("path")


def places_taken(event: Event) -> int:
    """People of the confirmed registrations."""
    total = event.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(n=Sum("people"))["n"]
    return int(total or 0)


def waiting_line(event: Event) -> QuerySet[Registration]:
    """The waiting list, first come first."""
    return event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")
