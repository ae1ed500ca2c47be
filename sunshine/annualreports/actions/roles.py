"""Who may open, edit and read an annual report, and the statuses in which it can be edited."""

from __future__ import annotations

from sunshine.agencies.models import Role
from sunshine.annualreports.models import ReportStatus

# The statuses in which the disclosure office may change the narrative and the figures.
EDITABLE = frozenset({ReportStatus.DRAFT})

# Who may open and edit a year's draft.
EDITOR_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
READER_ROLES = frozenset(
    {Role.DISCLOSURE_OFFICE, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR, Role.ADMINISTRATOR}
)

# Who takes each step of review, sign-off and publication.
DRAFTER_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
RETURN_ROLES = frozenset({Role.REVIEWER, Role.SIGNER})
REVIEWER_ROLES = frozenset({Role.REVIEWER})
SIGNER_ROLES = frozenset({Role.SIGNER})
PUBLISHER_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
