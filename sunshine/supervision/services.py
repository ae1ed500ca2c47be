"""Changes of supervision notices (督办): issued by a supervising role over the agency, then the
steps of ``actions.WORKFLOW``; each writes an audit row (docs/supervision.md#notices)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import roles_in
from sunshine.cases.models import Case
from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.supervision.actions import WORKFLOW, snapshot
from sunshine.supervision.codes import SUPERVISING_ROLES
from sunshine.supervision.models import Notice
from sunshine.workdays.calendar import current_calendar

MAX_DUE_DAYS = 60


def may_supervise(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & SUPERVISING_ROLES)


def issue_notice(
    *,
    agency: Agency,
    by: Any,
    subject: str,
    text: str,
    due_days: int,
    case: Case | None = None,
    today: datetime.date | None = None,
) -> Notice:
    """A notice to ``agency`` (on ``case``, one of its cases, when given), to be answered within
    ``due_days`` working days (1–60)."""
    if not may_supervise(by, agency):
        raise WorkflowForbidden(_("Only the disclosure office and supervisors issue supervision notices."))
    errors: dict[str, str] = {}
    subject, text = subject.strip(), text.strip()
    if not subject:
        errors["subject"] = _("Give the notice a subject.")
    if not text:
        errors["text"] = _("Say what the agency is to do.")
    if not 1 <= due_days <= MAX_DUE_DAYS:
        errors["due_days"] = _("Between 1 and %(n)s working days.") % {"n": MAX_DUE_DAYS}
    if case is not None and case.agency_id != agency.pk:
        errors["case"] = _("The case is not one of this agency's.")
    if errors:
        raise invalid(errors)
    today = today or timezone.localdate()
    due = current_calendar().nth_after(today, due_days)
    with transaction.atomic():
        notice = Notice.objects.create(
            agency=agency,
            case=case,
            subject=subject,
            text=text,
            issued_on=today,
            due_days=due_days,
            due_date=due,
            issued_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit.record(
            actor=by, action="supervision_notice.issue", obj=notice, after=snapshot(notice), agency=agency
        )
    return notice


def take_notice_action(
    *, notice: Notice, action: str, by: Any, text: str = "", date: datetime.date | None = None
) -> Notice:
    return WORKFLOW.perform(notice, action, by=by, input={"text": text}, date=date)


__all__ = ["WorkflowError", "issue_notice", "may_supervise", "take_notice_action"]
