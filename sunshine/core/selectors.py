"""Reading the audit log: superusers see all of it, supervisors and administrators their tree.

Who may read which entries is the agencies app's rule (``sunshine.agencies.selectors.audit_scope``);
core imports no domain app, so the agencies app registers that rule here when Django starts
(``AgenciesConfig.ready``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

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
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    agency: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_entries_for(
    user: AbstractBaseUser | AnonymousUser, filters: AuditFilter | None = None
) -> QuerySet[AuditEntry]:
    """Entries ``user`` may read, newest first; PermissionDenied for those who may read none."""
    scope = audit_scope(user)
    entries = AuditEntry.objects.select_related("agency")
    if scope is not None:
        entries = entries.filter(agency__in=scope)
    f = filters or AuditFilter()
    if f.actor:
        entries = entries.filter(actor_name=f.actor)
    if f.action:
        entries = entries.filter(action__startswith=f.action)
    if f.object_type:
        entries = entries.filter(object_type=f.object_type)
    if f.object_id:
        entries = entries.filter(object_id=f.object_id)
    if f.agency:
        entries = entries.filter(agency__code=f.agency)
    if f.since:
        entries = entries.filter(at__date__gte=f.since)
    if f.until:
        entries = entries.filter(at__date__lte=f.until)
    return entries.order_by("-at", "-id")
