"""Who does what with service cases (docs/cases.md#roles): the agency's information officers and
the disclosure office (of the agency or above it) handle cases; a signer (or the disclosure office)
approves an extension. Everyone with a role for the agency reads its cases; superusers may do
everything."""

from __future__ import annotations

from sunshine.agencies.models import Role

HANDLING_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
APPROVER_ROLES = frozenset({Role.SIGNER, Role.DISCLOSURE_OFFICE})
