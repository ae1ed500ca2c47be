"""Who may do what with a survey, by the roles held for its agency (a tree role above counts)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import roles_in

# Draft a survey and change it while it is a draft.
DRAFTER_ROLES: frozenset[str] = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
# Publish it, close it early, publish the results: the disclosure office or a signer.
PUBLISHER_ROLES: frozenset[str] = frozenset({Role.DISCLOSURE_OFFICE, Role.SIGNER})
STAFF_ROLES: frozenset[str] = DRAFTER_ROLES | PUBLISHER_ROLES


def may_act(user: AbstractBaseUser | AnonymousUser, agency: Agency, roles: frozenset[str]) -> bool:
    return bool(roles_in(user, agency) & roles)
