"""Which action may be taken in which status, by whom, and the status it leads to: the one place
it is checked (services.perform_action)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sunshine.agencies.models import Role
from sunshine.inforequests.codes import OPEN_STATUSES, Status

# Who handles requests: the information officer of the agency and the disclosure office (of the
# agency or above it). They take every action, register requests and assign officers. Reviewers,
# signers, supervisors and administrators read only; superusers may do everything.
HANDLING_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
# Who may approve an extension (条例 Art. 33): a signer of the agency or its disclosure office.
APPROVER_ROLES = frozenset({Role.SIGNER, Role.DISCLOSURE_OFFICE})


@dataclass(frozen=True)
class Transition:
    allowed_from: frozenset[str]
    to: str | None  # None: the status stays as it is
    roles: frozenset[str] = HANDLING_ROLES  # any one of them, held for the request's agency


TRANSITIONS: dict[str, Transition] = {
    # 条例 Art. 31: the day of receipt is the day both sides confirm (online, fax).
    "confirm_receipt": Transition(frozenset({Status.SUBMITTED}), Status.RECEIVED),
    # 条例 Art. 30: one notice listing every item, within 7 working days of receipt.
    "request_correction": Transition(frozenset({Status.RECEIVED}), Status.AWAITING_CORRECTION),
    "receive_correction": Transition(frozenset({Status.AWAITING_CORRECTION}), Status.RECEIVED),
    "correction_overdue": Transition(frozenset({Status.AWAITING_CORRECTION}), Status.CLOSED),
    # 条例 Art. 32 (third party), Art. 34 (other agency): the time does not count (Art. 33).
    "start_consultation": Transition(frozenset({Status.RECEIVED}), Status.IN_CONSULTATION),
    "end_consultation": Transition(frozenset({Status.IN_CONSULTATION}), Status.RECEIVED),
    # 条例 Art. 33: one extension of at most 20 working days, approved by a signer or the disclosure
    # office (who may record it themselves; an officer names the approver).
    "extend": Transition(
        frozenset({Status.RECEIVED, Status.IN_CONSULTATION}), None, HANDLING_ROLES | {Role.SIGNER}
    ),
    # 条例 Art. 36-39.
    "reply": Transition(frozenset({Status.RECEIVED}), Status.REPLIED),
    "withdraw": Transition(frozenset(OPEN_STATUSES), Status.WITHDRAWN),
    # 条例 Art. 42, 国办函〔2020〕109号: a fee notice stops the reply period until the fee is paid;
    # a fee not paid within the period closes the request.
    "notify_fee": Transition(frozenset({Status.RECEIVED}), Status.AWAITING_FEE),
    "record_fee_payment": Transition(frozenset({Status.AWAITING_FEE}), Status.RECEIVED),
    "fee_unpaid": Transition(frozenset({Status.AWAITING_FEE}), Status.CLOSED),
}

ACTIONS = tuple(TRANSITIONS)


def allowed_actions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.allowed_from]


def actions_for_roles(status: str, roles: Iterable[str]) -> list[str]:
    """The actions the status allows that a holder of ``roles`` may take."""
    held = frozenset(roles)
    return [name for name in allowed_actions(status) if TRANSITIONS[name].roles & held]
