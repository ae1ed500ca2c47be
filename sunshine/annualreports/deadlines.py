"""When an annual report is due (条例 Art. 49–50)."""

from __future__ import annotations

import datetime

from sunshine.agencies.models import Agency, AgencyKind

GOVERNMENT_KINDS = frozenset({AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP})
WARN_DAYS = 30


def report_due(agency: Agency, year: int) -> datetime.date:
    """Departments report by 31 January of the next year, governments by 31 March (Art. 49, 50)."""
    if agency.kind in GOVERNMENT_KINDS:
        return datetime.date(year + 1, 3, 31)
    return datetime.date(year + 1, 1, 31)


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
