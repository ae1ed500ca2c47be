"""Review and publishing as data: action → statuses it starts from, the status it leads to, who may
take it and whether the privacy scan must be clear. ``services`` checks these and nothing else.

The path of a revision: draft → submitted → confidentiality review (保密审查: approve, or return
with comments) → signed off (签发) → published now, or scheduled and published when its time comes
→ withdrawn (with a reason), or superseded when a newer revision of the record is published.
Information officers draft and submit, reviewers review, signers sign off; the disclosure office
may do everything. Actions with no roles are the system's own (the scheduled publication sweep).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sunshine.agencies.models import Role
from sunshine.records.codes import Status


class ScanGate(StrEnum):
    NONE = "none"
    CONFIRM = "confirm"  # open findings stop the action unless the actor asks a reviewer to decide
    BLOCK = "block"  # open findings stop the action: remove them or have a reviewer override them


@dataclass(frozen=True)
class Transition:
    allowed_from: frozenset[str]
    to: str | None  # None: the status stays as it is
    roles: frozenset[str]  # empty: only the system
    scan: ScanGate = ScanGate.NONE


OFFICER, REVIEWER, SIGNER, OFFICE = Role.OFFICER, Role.REVIEWER, Role.SIGNER, Role.DISCLOSURE_OFFICE
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

TRANSITIONS: dict[str, Transition] = {
    "edit": Transition(EDITABLE, None, frozenset({OFFICER, OFFICE})),
    "submit": Transition(EDITABLE, Status.SUBMITTED, frozenset({OFFICER, OFFICE}), ScanGate.CONFIRM),
    # 保密审查 (条例 Art. 17): the reviewer confirms the checklist, or returns the draft with comments.
    "approve": Transition(
        frozenset({Status.SUBMITTED}), Status.APPROVED, frozenset({REVIEWER, OFFICE}), ScanGate.BLOCK
    ),
    "override": Transition(frozenset({Status.SUBMITTED}), None, frozenset({REVIEWER, OFFICE})),
    "return": Transition(
        frozenset({Status.SUBMITTED, Status.APPROVED, Status.SIGNED, Status.SCHEDULED}),
        Status.RETURNED,
        frozenset({REVIEWER, SIGNER, OFFICE}),
    ),
    "sign": Transition(
        frozenset({Status.APPROVED}), Status.SIGNED, frozenset({SIGNER, OFFICE}), ScanGate.BLOCK
    ),
    "publish": Transition(
        frozenset({Status.SIGNED}), Status.PUBLISHED, frozenset({OFFICER, SIGNER, OFFICE}), ScanGate.BLOCK
    ),
    "schedule": Transition(
        frozenset({Status.SIGNED}), Status.SCHEDULED, frozenset({OFFICER, SIGNER, OFFICE}), ScanGate.BLOCK
    ),
    "unschedule": Transition(
        frozenset({Status.SCHEDULED}), Status.SIGNED, frozenset({OFFICER, SIGNER, OFFICE})
    ),
    "publish_due": Transition(frozenset({Status.SCHEDULED}), Status.PUBLISHED, frozenset(), ScanGate.BLOCK),
    "withdraw": Transition(frozenset({Status.PUBLISHED}), Status.WITHDRAWN, frozenset({SIGNER, OFFICE})),
    "supersede": Transition(frozenset({Status.PUBLISHED}), Status.SUPERSEDED, frozenset()),
    # Taken on the record's latest revision: starts a new draft revision of a published record.
    "revise": Transition(frozenset({Status.PUBLISHED, Status.WITHDRAWN}), None, frozenset({OFFICER, OFFICE})),
}

ACTIONS = tuple(TRANSITIONS)

# Who may start a record, change its validity, and edit the catalogue.
DRAFTER_ROLES = frozenset({OFFICER, OFFICE})
VALIDITY_ROLES = frozenset({SIGNER, OFFICE})
CATALOGUE_ROLES = frozenset({OFFICE})
# Whom the privacy scan's override is offered to.
OVERRIDE_ROLES = TRANSITIONS["override"].roles


def allowed_actions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.allowed_from]
