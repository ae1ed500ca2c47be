"""State changes of records: drafting, attachments, review, sign-off, publication, withdrawal, new
revisions and validity. Each is one transaction with an audit entry and an event in the revision's
history; which action is allowed when, and to whom, is read from ``transitions.TRANSITIONS``.

``by=None`` is the system (the scheduled-publication sweep, demo data, imports): no role check.
"""

from sunshine.records.services.base import RecordError
from sunshine.records.services.drafting import (
    create_draft,
    normalize_document_number,
    normalize_keywords,
    refresh_due_dates,
    start_revision,
    update_draft,
)
from sunshine.records.services.files import add_attachment, remove_attachment, replace_attachment
from sunshine.records.services.publishing import change_validity, publish, publish_due, unschedule, withdraw
from sunshine.records.services.review import override_finding, return_for_changes, review, sign, submit

__all__ = [
    "RecordError",
    "add_attachment",
    "change_validity",
    "create_draft",
    "normalize_document_number",
    "normalize_keywords",
    "override_finding",
    "publish",
    "publish_due",
    "refresh_due_dates",
    "remove_attachment",
    "replace_attachment",
    "return_for_changes",
    "review",
    "sign",
    "start_revision",
    "submit",
    "unschedule",
    "update_draft",
    "withdraw",
]
