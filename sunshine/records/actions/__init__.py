"""The record actions as data for the workflow kernel (``sunshine.core.workflow``): ``WORKFLOW``
holds every step of a revision with its statuses, roles, typed input, handler, texts and privacy
gate; ``roles`` who may start a record, change its validity and edit the catalogue."""

from sunshine.core.workflow import ScanGate
from sunshine.records.actions.declarations import ACTIONS, WORKFLOW
from sunshine.records.actions.roles import (
    CATALOGUE_ROLES,
    DRAFTER_ROLES,
    EDITABLE,
    OVERRIDE_ROLES,
    VALIDITY_ROLES,
)


def allowed_actions(status: str) -> list[str]:
    """The actions a revision's status allows, in the order of the declarations."""
    return WORKFLOW.allowed(status)


__all__ = [
    "ACTIONS",
    "CATALOGUE_ROLES",
    "DRAFTER_ROLES",
    "EDITABLE",
    "OVERRIDE_ROLES",
    "VALIDITY_ROLES",
    "WORKFLOW",
    "ScanGate",
    "allowed_actions",
]
