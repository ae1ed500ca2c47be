"""When an annual report is due (条例 Art. 49, docs/legal.md#annual-reports)."""

from __future__ import annotations

import datetime

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.annualreports.law import DEPARTMENT_REPORT_DUE, GOVERNMENT_REPORT_DUE

GOVERNMENT_KINDS = frozenset({AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP})
WARN_DAYS = 30


def report_due(agency: Agency, year: int) -> datetime.date:
    """Departments report by 31 January of the next year, governments by 31 March (条例 Art. 49)."""
    due = GOVERNMENT_REPORT_DUE if agency.kind in GOVERNMENT_KINDS else DEPARTMENT_REPORT_DUE
    return datetime.date(year + 1, due.month, due.day)


def deadline_state(agency: Agency, year: int, today: datetime.date, published: bool) -> str:
    """``published``, ``overdue``, ``due_soon`` (within 30 days) or ``open``."""
    if published:
        return "published"
    due = report_due(agency, year)
    if today > due:
        return "overdue"
    if (due - today).days <= WARN_DAYS:
        return "due_soon"
    return "open"
