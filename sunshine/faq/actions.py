"""Every step of a common question, declared once for the workflow kernel (docs/workflows.md).

draft → submitted (by an information officer) → published (by a reviewer or the disclosure office),
or returned with comments and submitted again; a published entry may be withdrawn, then changed and
submitted again. Changing the text (``services.update_entry``) is not a step: it is allowed in
``EDITABLE`` statuses to ``DRAFTER_ROLES``. Four eyes: who submitted an entry does not publish it,
unless they are the disclosure office (403 ``own_submission``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, Field

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import roles_in
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, NoInput, Step, Texts, Workflow, WorkflowForbidden, invalid
from sunshine.faq.models import Entry, Status
from sunshine.faq.selectors import may_act

OFFICER, REVIEWER, OFFICE = Role.OFFICER, Role.REVIEWER, Role.DISCLOSURE_OFFICE

EDITABLE: frozenset[str] = frozenset({Status.DRAFT, Status.RETURNED, Status.WITHDRAWN})
DRAFTER_ROLES: frozenset[str] = frozenset({OFFICER, OFFICE})
REVIEWER_ROLES: frozenset[str] = frozenset({REVIEWER, OFFICE})


class ReturnInput(BaseModel):
    comments: str = Field(min_length=1, max_length=2000, description="what to change")


class WithdrawInput(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="why it leaves the public pages")


def snapshot(entry: Entry) -> dict[str, Any]:
    return audit.json_value(
        {
            "status": entry.status,
            "question": entry.question,
            "category": entry.category,
            "valid_from": entry.valid_from,
            "valid_until": entry.valid_until,
        }
    )


def agency_of(entry: Entry) -> Agency:
    return entry.agency


def check(step: Step[Entry]) -> None:
    """Four eyes on publication: not by the one who submitted it, unless the disclosure office."""
    entry, by = step.obj, step.by
    if (
        step.action.name == "publish"
        and by is not None
        and entry.submitted_by_id == by.pk
        and not getattr(by, "is_superuser", False)
        and OFFICE not in roles_in(by, entry.agency)
    ):
        raise WorkflowForbidden(
            _("You submitted this question yourself: another reviewer publishes it."), code="own_submission"
        )


def _submit(step: Step[Entry]) -> Mapping[str, Any]:
    step.obj.submitted_by = person_or_none(step.by)
    step.obj.comments = ""
    return {}


def _publish(step: Step[Entry]) -> Mapping[str, Any]:
    entry = step.obj
    if entry.valid_until is not None and entry.valid_until < step.today:
        raise invalid({"valid_until": _("This question is no longer valid: change its validity first.")})
    entry.published_at = step.now
    entry.published_by = person_or_none(step.by)
    return {}


def _return(step: Step[Entry]) -> Mapping[str, Any]:
    step.obj.comments = step.input.comments
    return {"comments": step.input.comments}


def _withdraw(step: Step[Entry]) -> Mapping[str, Any]:
    return {"reason": step.input.reason}


ACTIONS: dict[str, Action[Entry]] = {
    "submit": Action(
        "submit",
        EDITABLE,
        Status.SUBMITTED,
        DRAFTER_ROLES,
        Texts(
            button=gettext_lazy("Send to review"),
            history=gettext_lazy("Common question submitted for review"),
            help=gettext_lazy(
                "A reviewer or the disclosure office reads the question and its answer before the public "
                "does."
            ),
        ),
        _submit,
    ),
    "publish": Action(
        "publish",
        frozenset({Status.SUBMITTED}),
        Status.PUBLISHED,
        REVIEWER_ROLES,
        Texts(
            button=gettext_lazy("Publish"),
            history=gettext_lazy("Common question published"),
            help=gettext_lazy("The question appears on the portal and in the search while it is valid."),
        ),
        _publish,
    ),
    "return": Action(
        "return",
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        REVIEWER_ROLES,
        Texts(
            button=gettext_lazy("Return for changes"),
            history=gettext_lazy("Common question returned for changes"),
            help=gettext_lazy("The question goes back to its author with the comments."),
        ),
        _return,
        ReturnInput,
    ),
    "withdraw": Action(
        "withdraw",
        frozenset({Status.PUBLISHED}),
        Status.WITHDRAWN,
        REVIEWER_ROLES,
        Texts(
            button=gettext_lazy("Withdraw"),
            history=gettext_lazy("Common question withdrawn"),
            help=gettext_lazy("The question leaves the public pages; it may be changed and submitted again."),
        ),
        _withdraw,
        WithdrawInput,
    ),
}

WORKFLOW: Workflow[Entry] = Workflow(
    name="faq",
    actions=ACTIONS,
    agency_of=agency_of,
    may_act=may_act,
    snapshot=snapshot,
    check=check,
)

__all__ = ["ACTIONS", "DRAFTER_ROLES", "EDITABLE", "REVIEWER_ROLES", "WORKFLOW", "NoInput"]
