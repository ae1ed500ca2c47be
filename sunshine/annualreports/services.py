"""State changes of annual reports: opening a year's draft, editing it, review, sign-off, publication.
Each in one transaction with an audit entry. Review, sign-off and publication are the kernel actions
declared in ``sunshine.annualreports.actions``; publication also publishes the report as a record of
the agency's 年度报告 category (with its index number) through the records services."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.annualreports.actions import EDITABLE, EDITABLE_FIELDS, EDITOR_ROLES, WORKFLOW, snapshot
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import Scope
from sunshine.annualreports.selectors import may_act
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import AnyUser, WorkflowError, WorkflowForbidden

__all__ = [
    "EDITABLE_FIELDS",
    "ReportActionError",
    "allowed_actions",
    "open_draft",
    "take_action",
    "update_draft",
]

# Every refusal of a report's step: the kernel's one error (status, code, message, fields).
ReportActionError = WorkflowError


@transaction.atomic
def open_draft(*, agency: Agency, year: int, by: AnyUser) -> AnnualReportDraft:
    """The year's report of ``agency``, created as a draft the first time the disclosure office opens it."""
    existing = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return existing
    if not may_act(by, agency, EDITOR_ROLES):
        raise WorkflowForbidden()
    draft = AnnualReportDraft.objects.create(
        agency=agency,
        year=year,
        scope=Scope.TREE if agency.kind == "government" else Scope.SELF,
        created_by=person_or_none(by),
    )
    audit.record(actor=by, action="annualreport.open", obj=draft, after=snapshot(draft), agency=agency)
    return draft


@transaction.atomic
def update_draft(*, draft: AnnualReportDraft, by: AnyUser, **fields: Any) -> AnnualReportDraft:
    if not may_act(by, draft.agency, EDITOR_ROLES):
        raise WorkflowForbidden()
    draft = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status not in EDITABLE:
        raise WorkflowError(409, "not_editable", _("The report can be changed only while it is a draft."))
    before = snapshot(draft)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(draft, name, value)
    draft.save()
    audit.record(
        actor=by,
        action="annualreport.edit",
        obj=draft,
        before=before,
        after=snapshot(draft),
        agency=draft.agency,
    )
    return draft


def allowed_actions(draft: AnnualReportDraft, user: AnyUser) -> list[str]:
    """The steps the report's status allows that ``user`` may take, in the order of the declarations."""
    return [
        name for name in WORKFLOW.allowed(draft.status) if WORKFLOW.may(user, draft, WORKFLOW.actions[name])
    ]


def take_action(
    *,
    draft: AnnualReportDraft,
    action: str,
    by: AnyUser,
    comments: str = "",
    today: datetime.date | None = None,
) -> AnnualReportDraft:
    """Move the report through review, sign-off and publication (``actions.WORKFLOW``).

    Publishing freezes the tables: corrections to requests made later do not change a published report.
    """
    return WORKFLOW.perform(draft, action, by=by, input={"comments": comments}, today=today)
