"""Who handles requests; who approves an extension (docs/legal.md#extension).

The information officer of the agency and the disclosure office (of the agency or above it) take
every action, register requests and assign officers. Reviewers, signers, supervisors and
administrators read; superusers may do everything. An extension (条例 Art. 33) is approved by a
signer of the agency or its disclosure office, who may record it themselves."""

from __future__ import annotations

from sunshine.agencies.models import Role

HANDLING_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
APPROVER_ROLES = frozenset({Role.SIGNER, Role.DISCLOSURE_OFFICE})
