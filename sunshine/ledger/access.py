"""Who may read an agency's ledger: its own staff (any role) and the tree roles above it (the
disclosure office, supervisors, administrators of a government above); superusers. Others get a 404,
as for every staff page of an agency they cannot see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff, get_agency_for_staff, memberships_of

AnyUser = AbstractBaseUser | AnonymousUser


def may_read_any_ledger(user: AnyUser) -> bool:
    """Staff of some agency (or a superuser): the ledger page is in their menu."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or memberships_of(user).exists()


def ledger_agency(user: AnyUser, code: str) -> Agency:
    """The agency whose ledger ``user`` asks for: PermissionDenied for someone who is no staff at all,
    Http404 for an agency out of their reach."""
    if not may_read_any_ledger(user):
        raise PermissionDenied
    return get_agency_for_staff(user, code)


def ledger_scope(user: AnyUser, agency: Agency, *, subtree: bool) -> list[Agency]:
    """The agencies the ledger covers: the agency alone, or with every agency below it that ``user``
    may see (an officer of a department sees only their own; the disclosure office the whole tree)."""
    if not subtree:
        return [agency]
    return list(
        agencies_for_staff(user).filter(path__startswith=agency.path).order_by("path").select_related(None)
    )


def default_agency(user: AnyUser) -> Agency | None:
    """The highest agency the person works for: the page opens on its ledger."""
    first = memberships_of(user).order_by("agency__path").first()
    if first is not None:
        return first.agency
    if getattr(user, "is_superuser", False):
        return Agency.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
    return None
