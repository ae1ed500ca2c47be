"""Who may do what with a solicitation, by the roles held for its agency (a tree role above counts)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import roles_in

# Draft a solicitation and change it while it is a draft.
DRAFTER_ROLES: frozenset[str] = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
# Open it for comments, close it early, publish the feedback: the disclosure office or a signer.
PUBLISHER_ROLES: frozenset[str] = frozenset({Role.DISCLOSURE_OFFICE, Role.SIGNER})
# Read every comment with its contact, approve or reject it, record its adoption.
MODERATOR_ROLES: frozenset[str] = frozenset({Role.OFFICER, Role.REVIEWER, Role.DISCLOSURE_OFFICE})
STAFF_ROLES: frozenset[str] = DRAFTER_ROLES | PUBLISHER_ROLES | MODERATOR_ROLES


def may_act(user: AbstractBaseUser | AnonymousUser, agency: Agency, roles: frozenset[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency``."""
    return bool(roles_in(user, agency) & roles)
