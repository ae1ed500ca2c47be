"""Every step of a service guide's version, declared once for the workflow kernel (docs/workflows.md).

draft → submitted (information officers, the disclosure office) → published (reviewers, the
disclosure office), or returned with comments, changed and submitted again. Publishing a version
marks the item's previous published version ``superseded``. Changing a draft
(``services.update_version``) is not a step: it is allowed in ``EDITABLE`` statuses to
``DRAFTER_ROLES``. Four eyes: who submitted a version does not publish it, unless they are the
disclosure office (403 ``own_submission``).
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
from sunshine.core.workflow import Action, Step, Texts, Workflow, WorkflowError, WorkflowForbidden
from sunshine.eservices.codes import Status
from sunshine.eservices.models import Version
from sunshine.eservices.selectors import may_act

OFFICER, REVIEWER, OFFICE = Role.OFFICER, Role.REVIEWER, Role.DISCLOSURE_OFFICE

EDITABLE: frozenset[str] = frozenset({Status.DRAFT, Status.RETURNED})
DRAFTER_ROLES: frozenset[str] = frozenset({OFFICER, OFFICE})
REVIEWER_ROLES: frozenset[str] = frozenset({REVIEWER, OFFICE})


class ReturnInput(BaseModel):
    comments: str = Field(min_length=1, max_length=2000, description="what to change")


def snapshot(version: Version) -> dict[str, Any]:
    return audit.json_value(
        {
            "item": version.item.code,
            "version": version.number,
            "status": version.status,
            "name": version.name,
            "kind": version.kind,
            "statutory_days": version.statutory_days,
            "promised_days": version.promised_days,
        }
    )


def agency_of(version: Version) -> Agency:
    return version.item.agency


def lock(version: Version) -> Version:
    return Version.objects.select_for_update().select_related("item", "item__agency").get(pk=version.pk)


def check(step: Step[Version]) -> None:
    """Four eyes on publication: not by the one who submitted it, unless the disclosure office."""
    version, by = step.obj, step.by
    if (
        step.action.name == "publish"
        and by is not None
        and version.submitted_by_id == by.pk
        and not getattr(by, "is_superuser", False)
        and OFFICE not in roles_in(by, version.item.agency)
    ):
        raise WorkflowForbidden(
            _("You submitted this version yourself: another reviewer publishes it."), code="own_submission"
        )


def _submit(step: Step[Version]) -> Mapping[str, Any]:
    version = step.obj
    if not version.steps.exists():
        raise WorkflowError(
            422, "incomplete", _("The guide is not complete yet."), {"steps": _("Give at least one step.")}
        )
    version.submitted_by = person_or_none(step.by)
    version.comments = ""
    return {}


def _publish(step: Step[Version]) -> Mapping[str, Any]:
    version = step.obj
    replaced = (
        Version.objects.filter(item=version.item, status=Status.PUBLISHED)
        .exclude(pk=version.pk)
        .values_list("number", flat=True)
        .first()
    )
    Version.objects.filter(item=version.item, status=Status.PUBLISHED).update(status=Status.SUPERSEDED)
    version.published_at = step.now
    version.published_by = person_or_none(step.by)
    return {"replaces": replaced} if replaced is not None else {}


def _return(step: Step[Version]) -> Mapping[str, Any]:
    step.obj.comments = step.input.comments
    return {"comments": step.input.comments}


ACTIONS: dict[str, Action[Version]] = {
    "submit": Action(
        "submit",
        EDITABLE,
        Status.SUBMITTED,
        DRAFTER_ROLES,
        Texts(
            button=gettext_lazy("Send to review"),
            history=gettext_lazy("Service guide submitted for review"),
            help=gettext_lazy(
                "A reviewer or the disclosure office checks the guide before the public reads it."
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
            history=gettext_lazy("Service guide published"),
            help=gettext_lazy(
                "The guide appears in the public catalogue and replaces the item's published version."
            ),
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
            history=gettext_lazy("Service guide returned for changes"),
            help=gettext_lazy("The guide goes back to its author with the comments."),
        ),
        _return,
        ReturnInput,
    ),
}

WORKFLOW: Workflow[Version] = Workflow(
    name="eservice",
    actions=ACTIONS,
    agency_of=agency_of,
    may_act=may_act,
    snapshot=snapshot,
    lock=lock,
    check=check,
)

__all__ = ["ACTIONS", "DRAFTER_ROLES", "EDITABLE", "REVIEWER_ROLES", "WORKFLOW"]
