"""The annual report's review and sign-off, as data: action → (statuses it may start from, roles, result)."""

from __future__ import annotations

from dataclasses import dataclass

from sunshine.agencies.models import Role
from sunshine.annualreports.models import ReportStatus


@dataclass(frozen=True)
class Transition:
    allowed_from: frozenset[str]
    roles: frozenset[str]
    to: str


EDITABLE = frozenset({ReportStatus.DRAFT})

TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        frozenset({ReportStatus.DRAFT}), frozenset({Role.DISCLOSURE_OFFICE}), ReportStatus.SUBMITTED
    ),
    "return": Transition(
        frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED}),
        frozenset({Role.REVIEWER, Role.SIGNER}),
        ReportStatus.DRAFT,
    ),
    "approve": Transition(
        frozenset({ReportStatus.SUBMITTED}), frozenset({Role.REVIEWER}), ReportStatus.APPROVED
    ),
    "sign": Transition(frozenset({ReportStatus.APPROVED}), frozenset({Role.SIGNER}), ReportStatus.SIGNED),
    "publish": Transition(
        frozenset({ReportStatus.SIGNED}), frozenset({Role.DISCLOSURE_OFFICE}), ReportStatus.PUBLISHED
    ),
}

# Who may open and edit a year's draft.
EDITOR_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
READER_ROLES = frozenset(
    {Role.DISCLOSURE_OFFICE, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR, Role.ADMINISTRATOR}
)
