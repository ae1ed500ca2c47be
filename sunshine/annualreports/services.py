"""State changes of annual reports: opening a year's draft, editing it, review, sign-off, publication.
Each in one transaction with an audit entry. Publication also publishes the report as a record of the
agency's 年度报告 category (with its index number) through the records services."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.annualreports.document import report_document, to_html
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import AnnualReport, Scope, compute_report
from sunshine.annualreports.selectors import may_act
from sunshine.annualreports.transitions import EDITABLE, EDITOR_ROLES, TRANSITIONS
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowForbidden
from sunshine.records import services as records
from sunshine.records.catalogue import ANNUAL_REPORT
from sunshine.records.codes import ChecklistItem, Genre
from sunshine.records.models import Category, Record

AnyUser = AbstractBaseUser | AnonymousUser

EDITABLE_FIELDS = (
    "scope",
    "overview",
    "problems",
    "other_matters",
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_collected",
)


class ReportActionError(Exception):
    """An action the report's status does not allow (409)."""


def _snapshot(draft: AnnualReportDraft) -> dict[str, Any]:
    return audit.snapshot(draft, ("status", *EDITABLE_FIELDS, "published_on", "record"))


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
        report = compute_report(draft.agency, draft.year, draft.scope).with_decisions(draft)
        draft.published_tables = {
            "scope": report.scope,
            "applications": report.applications,
            "reviews": report.reviews,
            "documents": report.documents,
        }
        draft.published_on = today or timezone.localdate()
        draft.record = _publish_record(draft, report, by)
    draft.save()
    audit.record(
        actor=by,
        action=f"annualreport.{action}",
        obj=draft,
        before=before,
        after={
            **_snapshot(draft),
            "comments": comments.strip(),
            **({"index_number": draft.record.index_number} if draft.record is not None else {}),
        },
        agency=draft.agency,
    )
    return draft


def _publish_record(draft: AnnualReportDraft, report: AnnualReport, by: AnyUser) -> Record:
    """The report as a published record of the agency's 年度报告 category, through the records'
    own steps (draft, confidentiality review, sign-off, publication): a new record the first time,
    a new revision of the same record (same index number) when published again."""
    category = Category.objects.filter(agency=draft.agency, key=ANNUAL_REPORT, is_active=True).first()
    if category is None:
        raise ReportActionError(
            _("The agency's catalogue has no category for annual reports in use: restore it, then publish.")
        )
    document = report_document(report, draft)
    content: dict[str, Any] = {
        "title": document.title,
        "category": category,
        "genre": Genre.REPORT,
        "formation_date": draft.published_on,
        "keywords": "年度报告；政府信息公开",
        "body": to_html(document),
    }
    try:
        if draft.record is None:
            revision = records.create_draft(agency=draft.agency, by=by, **content)
        else:
            revision = records.start_revision(record=draft.record, by=by)
            revision = records.update_draft(
                revision=revision, by=by, change_note=_("Annual report published again."), **content
            )
        revision = records.submit(revision=revision, by=by)
        revision = records.review(
            revision=revision, by=by, decision="approve", checklist=ChecklistItem.values
        )
        revision = records.sign(revision=revision, by=by)
        revision = records.publish(revision=revision, by=by)
    except WorkflowForbidden:
        raise  # a 403 for the person, as before the records moved onto the workflow kernel
    except records.RecordError as exc:
        raise ReportActionError(
            _("The report could not be published as a record: %(reason)s") % {"reason": exc.message}
        ) from exc
    return revision.record
