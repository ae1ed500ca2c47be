"""The handlers of review and sign-off: they keep the comments; what the audit entry adds."""

from __future__ import annotations

from typing import Any

from sunshine.annualreports.models import AnnualReportDraft
from sunshine.core.workflow import Step


def outcome(draft: AnnualReportDraft, comments: str) -> dict[str, Any]:
    """What the audit entry of a step keeps beside the report's fields: the comments, and the index
    number of the record that publishes the report once there is one."""
    return {
        "comments": comments,
        **({"index_number": draft.record.index_number} if draft.record is not None else {}),
    }


def keep_comments(step: Step[AnnualReportDraft]) -> dict[str, Any]:
    """Submit, return, approve, sign: the comments, when given, replace the report's review comments."""
    draft, comments = step.obj, step.input.comments
    if comments:
        draft.review_comments = comments
    return outcome(draft, comments)
