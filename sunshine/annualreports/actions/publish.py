"""Publishing the report: its tables frozen as they stand, its publication date, and the report
published as a record of the agency's 年度报告 category (with its index number) through the
records services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sunshine.annualreports.actions.handlers import keep_comments
from sunshine.annualreports.document import report_document, to_html
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import AnnualReport, compute_report
from sunshine.core.workflow import AnyUser, Step, WorkflowError, WorkflowForbidden
from sunshine.records import services as records
from sunshine.records.catalogue import ANNUAL_REPORT
from sunshine.records.codes import ChecklistItem, Genre
from sunshine.records.models import Category, Record


def publish(step: Step[AnnualReportDraft]) -> dict[str, Any]:
    """Freeze the tables (corrections to requests made later do not change a published report), date
    the publication and publish the report as a record."""
    draft = step.obj
    report = compute_report(draft.agency, draft.year, draft.scope).with_decisions(draft)
    draft.published_tables = {
        "scope": report.scope,
        "applications": report.applications,
        "reviews": report.reviews,
        "documents": report.documents,
    }
    if report.decisions is not None:
        draft.licensing_decisions = report.decisions.licensing  # as counted from the cases, frozen
    draft.published_on = step.date
    draft.record = publish_record(draft, report, step.by)
    return keep_comments(step)


def publish_record(draft: AnnualReportDraft, report: AnnualReport, by: AnyUser | None) -> Record:
    """The report as a published record of the agency's 年度报告 category, through the records'
    own steps (draft, confidentiality review, sign-off, publication): a new record the first time,
    a new revision of the same record (same index number) when published again."""
    category = Category.objects.filter(agency=draft.agency, key=ANNUAL_REPORT, is_active=True).first()
    if category is None:
        raise WorkflowError(
            409,
            "no_annual_report_category",
            _("The agency's catalogue has no category for annual reports in use: restore it, then publish."),
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
        raise  # the person may not take a step of the record: a 403, not a failed publication
    except records.RecordError as exc:
        raise WorkflowError(
            409,
            "record_not_published",
            _("The report could not be published as a record: %(reason)s") % {"reason": exc.message},
        ) from exc
    return revision.record
