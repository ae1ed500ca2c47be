"""Reads of agencies and people, always on behalf of an acting user.

The rule (README.md, "Roles and what they see"): anyone may read an agency's public data (names,
guide). Non-public data of an agency is seen by the people who hold a role in it, and by holders of
a tree role (disclosure office, supervisor, administrator) in it or in any agency above it.
Superusers see all.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import AUDIT_READER_ROLES, TREE_ROLES, Agency, Membership, Role

AnyUser = AbstractBaseUser | AnonymousUser


def public_agencies() -> QuerySet[Agency]:
    """Agencies shown on the portal and in the public API."""
    return Agency.objects.filter(is_active=True).select_related("parent")


def get_public_agency(code: str) -> Agency:
    try:
        return public_agencies().get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc


def subtree_of(agency: Agency) -> QuerySet[Agency]:
    """The agency and every agency below it."""
    return Agency.objects.filter(path__startswith=agency.path)


def memberships_of(user: AnyUser) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user.pk, agency__is_active=True).select_related("agency")


def _scope_filter(user: AnyUser, tree_roles: Iterable[str], own_roles: Iterable[str] | None) -> Q | None:
    """A filter on Agency for the agencies the user may act on, or None for 'all'."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if getattr(user, "is_superuser", False):
        return None
    tree_roles = set(tree_roles)
    q = Q(pk__in=[])
    for membership in memberships_of(user):
        if membership.role in tree_roles:
            q |= Q(path__startswith=membership.agency.path)
        elif own_roles is None or membership.role in own_roles:
            q |= Q(pk=membership.agency_id)
    return q


def agencies_for_staff(user: AnyUser, *, roles: Iterable[str] | None = None) -> QuerySet[Agency]:
    """Agencies whose non-public data ``user`` may see.

    With ``roles``, only memberships in those roles count (a tree role still opens the subtree).
    """
    tree = TREE_ROLES if roles is None else TREE_ROLES.intersection(roles)
    own = None if roles is None else set(roles)
    q = _scope_filter(user, tree, own)
    queryset = Agency.objects.select_related("parent")
    return queryset if q is None else queryset.filter(q)


def can_see_private(user: AnyUser, agency: Agency) -> bool:
    return agencies_for_staff(user).filter(pk=agency.pk).exists()


def get_agency_for_staff(user: AnyUser, code: str) -> Agency:
    """One agency the user may work on; 404 when it does not exist or is out of their reach."""
    try:
        return agencies_for_staff(user).get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc


def can_administer(user: AnyUser, agency: Agency | None = None) -> bool:
    """Superusers, and administrators for their own subtree."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    if agency is None:
        return memberships_of(user).filter(role=Role.ADMINISTRATOR).exists()
    return agencies_for_staff(user, roles=[Role.ADMINISTRATOR]).filter(pk=agency.pk).exists()


def require_administrator(user: AnyUser, agency: Agency | None = None) -> None:
    if not can_administer(user, agency):
        raise PermissionDenied


def audit_scope(user: AnyUser) -> QuerySet[Agency] | None:
    """Agencies whose audit entries ``user`` may read; None means every entry (superuser).

    Raises PermissionDenied for people who may not read the audit log at all.
    """
    if not user.is_authenticated:
        raise PermissionDenied
    if getattr(user, "is_superuser", False):
        return None
    if not memberships_of(user).filter(role__in=AUDIT_READER_ROLES).exists():
        raise PermissionDenied
    return agencies_for_staff(user, roles=AUDIT_READER_ROLES)


def ancestor_ids(agency: Agency) -> list[int]:
    """The primary keys of the agency and of every agency above it (from its materialised path)."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part.isdigit()]
    return ids or [agency.pk]


def roles_in(user: AnyUser, agency: Agency) -> frozenset[str]:
    """The roles ``user`` holds for ``agency``: those held in it, and the tree roles (disclosure office,
    supervisor, administrator) held in any agency above it. Superusers hold every role."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return frozenset(Role.values)
    held = memberships_of(user).filter(agency_id__in=ancestor_ids(agency)).values_list("agency_id", "role")
    return frozenset(role for agency_id, role in held if agency_id == agency.pk or role in TREE_ROLES)


def roles_of(user: AnyUser) -> list[Membership]:
    return list(memberships_of(user).order_by("agency__path", "role"))
