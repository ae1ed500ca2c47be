"""Reading the audit log: superusers see all of it, supervisors and administrators their tree and
the rows that concern every agency (the working-day calendar, ``audit_actions.SHARED_DOMAINS``).

Who may read which entries is the agencies app's rule (``sunshine.agencies.selectors.audit_scope``);
core imports no domain app, so the agencies app registers that rule here when Django starts
(``AgenciesConfig.ready``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

from sunshine.core import audit_actions
from sunshine.core.models import AuditEntry

AuditScope = Callable[[AbstractBaseUser | AnonymousUser], "QuerySet[Any] | None"]
"""The agencies whose entries a user may read, None for every entry; PermissionDenied for none."""

_audit_scope: list[AuditScope] = []


def register_audit_scope(scope: AuditScope) -> None:
    """Set the rule of who reads which entries (called once, by the agencies app when it is ready)."""
    _audit_scope[:] = [scope]


def audit_scope(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any] | None:
    if not _audit_scope:
        raise ImproperlyConfigured("No audit scope is registered: is sunshine.agencies in INSTALLED_APPS?")
    return _audit_scope[0](user)


@dataclass(frozen=True)
class AuditFilter:
    """``actor`` a username as recorded, ``person`` a user's id, ``by_system`` the rows no person
    wrote; ``action`` a code or the start of codes up to a dot (``inforequest`` takes every request
    action); ``agency`` one agency's code, ``within`` an agency's code with every agency below it."""

    actor: str | None = None
    person: int | None = None
    by_system: bool = False
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    agency: str | None = None
    within: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def _visible(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEntry]:
    scope = audit_scope(user)
    entries = AuditEntry.objects.all()
    if scope is not None:
        entries = entries.filter(Q(agency__in=scope) | audit_actions.shared_rows())
    return entries


def audit_entries_for(
    user: AbstractBaseUser | AnonymousUser, filters: AuditFilter | None = None
) -> QuerySet[AuditEntry]:
    """Entries ``user`` may read, newest first; PermissionDenied for those who may read none.

    Readers within a tree see its agencies' rows and the rows that concern everyone (the calendar)."""
    entries = _visible(user).select_related("agency", "actor")
    f = filters or AuditFilter()
    if f.actor:
        entries = entries.filter(actor_name=f.actor)
    if f.person is not None:
        entries = entries.filter(actor_id=f.person)
    if f.by_system:
        entries = entries.filter(actor__isnull=True)
    if f.action:
        code = f.action.rstrip(".")
        entries = entries.filter(Q(action=code) | Q(action__startswith=f"{code}."))
    if f.object_type:
        entries = entries.filter(object_type=f.object_type)
    if f.object_id:
        entries = entries.filter(object_id=f.object_id)
    if f.agency:
        entries = entries.filter(agency__code=f.agency)
    if f.within:
        top = audit_agencies_for(user).filter(code=f.within).first()
        entries = entries.filter(agency__path__startswith=top.path) if top is not None else entries.none()
    if f.since:
        entries = entries.filter(at__date__gte=f.since)
    if f.until:
        entries = entries.filter(at__date__lte=f.until)
    return entries.order_by("-at", "-id")


def audit_agencies_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any]:
    """The agencies whose rows ``user`` reads (every agency for superusers), by their place in the
    tree; PermissionDenied for those who may read no entry."""
    scope = audit_scope(user)
    if scope is None:
        agency_model: type[Model] = AuditEntry._meta.get_field("agency").related_model  # type: ignore[assignment]  # a model class, not the string "self"
        scope = agency_model._default_manager.all()
    return scope.order_by("path")


def audit_people_for(user: AbstractBaseUser | AnonymousUser) -> list[tuple[int, str]]:
    """(user id, "name (username)") of the staff of the agencies whose rows ``user`` reads, and of
    the superusers, by username; PermissionDenied for those who may read no entry.

    Read from the roles people hold, not from the log: the list costs the same with a million rows."""
    agencies = audit_agencies_for(user)
    people = (
        get_user_model()
        ._default_manager.filter(Q(memberships__agency__in=agencies) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )
    return [
        (
            person.pk,
            f"{person.get_full_name()} ({person.get_username()})"
            if person.get_full_name()
            else person.get_username(),
        )
        for person in people
    ]
