"""The annual report's steps declared on the workflow kernel (sunshine.core.workflow)."""

from sunshine.annualreports.actions.roles import EDITABLE, EDITOR_ROLES, READER_ROLES
from sunshine.annualreports.actions.snapshot import EDITABLE_FIELDS, snapshot
from sunshine.annualreports.actions.workflow import ACTIONS, WORKFLOW

__all__ = ["ACTIONS", "EDITABLE", "EDITABLE_FIELDS", "EDITOR_ROLES", "READER_ROLES", "WORKFLOW", "snapshot"]
