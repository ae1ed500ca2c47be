"""Who does what with letters (docs/letters.md#roles).

The information officers of the agency and the disclosure office (of the agency or above it) handle
letters; a signer (or the disclosure office) approves an extension; a supervisor (or the disclosure
office) supervises (督办). Everyone with a role for the agency reads its letters; superusers may do
everything."""

from __future__ import annotations

from sunshine.agencies.models import Role

HANDLING_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
APPROVER_ROLES = frozenset({Role.SIGNER, Role.DISCLOSURE_OFFICE})
SUPERVISING_ROLES = frozenset({Role.SUPERVISOR, Role.DISCLOSURE_OFFICE})
