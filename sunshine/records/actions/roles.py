"""Who does what with records, apart from the steps themselves: the roles, the statuses a draft
may be changed in, and who may start a record, change its validity and edit the catalogue.

Information officers draft and submit, reviewers review (保密审查), signers sign off (签发); the
disclosure office may do everything.
"""

from __future__ import annotations

from sunshine.agencies.models import Role
from sunshine.records.codes import Status

OFFICER, REVIEWER, SIGNER, OFFICE = Role.OFFICER, Role.REVIEWER, Role.SIGNER, Role.DISCLOSURE_OFFICE

EDITABLE: frozenset[str] = frozenset({Status.DRAFT, Status.RETURNED})

DRAFTER_ROLES: frozenset[str] = frozenset({OFFICER, OFFICE})
REVIEWER_ROLES: frozenset[str] = frozenset({REVIEWER, OFFICE})
SIGNER_ROLES: frozenset[str] = frozenset({SIGNER, OFFICE})
PUBLISHER_ROLES: frozenset[str] = frozenset({OFFICER, SIGNER, OFFICE})
RETURNER_ROLES: frozenset[str] = frozenset({REVIEWER, SIGNER, OFFICE})
VALIDITY_ROLES: frozenset[str] = frozenset({SIGNER, OFFICE})
CATALOGUE_ROLES: frozenset[str] = frozenset({OFFICE})
# Whom the privacy scan's override is offered to.
OVERRIDE_ROLES: frozenset[str] = REVIEWER_ROLES
