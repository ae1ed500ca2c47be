"""State changes of annual reports: opening a year's draft, editing it, review, sign-off, publication.
Each in one transaction with an audit entry."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import Scope, compute_report
from sunshine.annualreports.selectors import may_act
from sunshine.annualreports.transitions import EDITABLE, EDITOR_ROLES, TRANSITIONS
from sunshine.core import audit
from sunshine.core.users import person_or_none

AnyUser = AbstractBaseUser | AnonymousUser

EDITABLE_FIELDS = (
    "scope",
    "overview",
    "problems",
    "other_matters",
    "regulations_issued",
    "regulations_repealed",
    "regulations_in_force",
    "normative_issued",
    "normative_repealed",
    "normative_in_force",
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_collected",
)


class ReportActionError(Exception):
    """An action the report's status does not allow (409)."""


def _snapshot(draft: AnnualReportDraft) -> dict[str, Any]:
    return audit.snapshot(draft, ("status", *EDITABLE_FIELDS, "published_on"))


@transaction.atomic
def open_draft(*, agency: Agency, year: int, by: AnyUser) -> AnnualReportDraft:
    """The year's report of ``agency``, created as a draft the first time the disclosure office opens it."""
    existing = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return existing
    if not may_act(by, agency, EDITOR_ROLES):
        raise PermissionDenied
    draft = AnnualReportDraft.objects.create(
        agency=agency,
        year=year,
        scope=Scope.TREE if agency.kind == "government" else Scope.SELF,
        created_by=person_or_none(by),
    )
    audit.record(actor=by, action="annualreport.open", obj=draft, after=_snapshot(draft), agency=agency)
    return draft


@transaction.atomic
def update_draft(*, draft: AnnualReportDraft, by: AnyUser, **fields: Any) -> AnnualReportDraft:
    if not may_act(by, draft.agency, EDITOR_ROLES):
        raise PermissionDenied
    draft = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status not in EDITABLE:
        raise ReportActionError(_("The report can be changed only while it is a draft."))
    before = _snapshot(draft)
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
        after=_snapshot(draft),
        agency=draft.agency,
    )
    return draft


def allowed_actions(draft: AnnualReportDraft, user: AnyUser) -> list[str]:
    return [
        name
        for name, t in TRANSITIONS.items()
        if draft.status in t.allowed_from and may_act(user, draft.agency, t.roles)
    ]


@transaction.atomic
def take_action(
    *,
    draft: AnnualReportDraft,
    action: str,
    by: AnyUser,
    comments: str = "",
    today: datetime.date | None = None,
) -> AnnualReportDraft:
    """Move the report through review, sign-off and publication (see ``transitions.TRANSITIONS``).

    Publishing freezes the tables: corrections to requests made later do not change a published report.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValueError(action)
    if not may_act(by, draft.agency, transition.roles):
        raise PermissionDenied
    draft = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status not in transition.allowed_from:
        raise ReportActionError(
            _("“%(action)s” is not possible while the report is “%(status)s”.")
            % {"action": action, "status": draft.get_status_display()}
        )
    if action == "return" and not comments.strip():
        raise ReportActionError(_("Say what has to change before the report is returned."))
    before = _snapshot(draft)
    draft.status = transition.to
    if comments.strip():
        draft.review_comments = comments.strip()
    if action == "publish":
        report = compute_report(draft.agency, draft.year, draft.scope)
        draft.published_tables = {
            "scope": report.scope,
            "applications": report.applications,
            "reviews": report.reviews,
        }
        draft.published_on = today or timezone.localdate()
    draft.save()
    audit.record(
        actor=by,
        action=f"annualreport.{action}",
        obj=draft,
        before=before,
        after={**_snapshot(draft), "comments": comments.strip()},
        agency=draft.agency,
    )
    return draft
