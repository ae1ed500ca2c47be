"""Tables 2, 3 and 4 laid out as the national format prints them: the template context that the public
report page and the back office's report page share (with the partials annualreports/_table*.html)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sunshine.annualreports.document import format_fees
from sunshine.annualreports.layout import (
    APPLICANT_COLUMNS,
    APPLICATION_LINES,
    DECISION_GROUPS,
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMNS,
    Line,
)
from sunshine.annualreports.report import AnnualReport


@dataclass(frozen=True)
class PrintedRow:
    line: Line
    cells: list[int] | None


def printed_tables(report: AnnualReport) -> dict[str, Any]:
    """Template context for tables 2, 3 and 4 in the format's layout."""
    decisions = report.decisions
    return {
        "document_columns": DOCUMENT_COLUMNS,
        "document_rows": [
            PrintedRow(line, [report.documents[line.code][c.code] for c in DOCUMENT_COLUMNS])
            for line in DOCUMENT_ROWS
        ],
        "decision_groups": [
            (group, [(line, getattr(decisions, line.code) if decisions else None) for line in lines])
            for group, lines in DECISION_GROUPS
        ],
        "fees": format_fees(decisions.fees) if decisions is not None else None,
        "columns": APPLICANT_COLUMNS,
        "rows": [
            PrintedRow(
                line,
                [report.applications[line.code][c.code] for c in APPLICANT_COLUMNS]
                if line.numbered
                else None,
            )
            for line in APPLICATION_LINES
        ],
        "review_groups": REVIEW_GROUPS,
        "review_columns": REVIEW_RESULT_COLUMNS,
        "reviews": [report.reviews[g.code][c.code] for g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS],
    }
