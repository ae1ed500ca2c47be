"""What the audit log keeps of an annual report before and after each change."""

from __future__ import annotations

from typing import Any

from sunshine.annualreports.models import AnnualReportDraft
from sunshine.core import audit

# The fields the disclosure office writes on the draft.
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


def snapshot(draft: AnnualReportDraft) -> dict[str, Any]:
    return audit.snapshot(draft, ("status", *EDITABLE_FIELDS, "published_on", "record"))
