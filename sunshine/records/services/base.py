"""What the record services share: the kernel's error (``RecordError``), the check of an action
declared in ``actions`` for the services that take it outside ``Workflow.perform`` (drafting,
attachments, overrides, new revisions), row locks, the history event and the audit entry."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone

from sunshine.core.workflow import AnyUser, WorkflowError, invalid
from sunshine.records.actions import WORKFLOW
from sunshine.records.actions.hooks import AUDITED_FIELDS, lock, snapshot, write_audit, write_event
from sunshine.records.actions.inputs import MAX_REASON, MAX_SCHEDULE_DAYS
from sunshine.records.models import Revision

RecordError = WorkflowError  # the kernel's one error; the name stays for ``except services.RecordError``

__all__ = ["AUDITED_FIELDS", "MAX_REASON", "MAX_SCHEDULE_DAYS", "AnyUser", "RecordError"]

DRAFT_FIELDS = (
    "title",
    "summary",
    "category",
    "topic",
    "genre",
    "issuers",
    "document_number",
    "formation_date",
    "keywords",
    "body",
    "needs_interpretation",
    "interprets",
    "change_note",
)
MAX_TITLE = 300
MAX_SUMMARY = 500
MAX_KEYWORDS = 300
MAX_BODY = 1_000_000
MAX_ATTACHMENTS = 50
KEYWORD_SEPARATORS = str.maketrans(dict.fromkeys(",，、;；\n\t", "；"))
# A document number typed with another kind of bracket around the year: 阳政办发[2026]12号.
DOCUMENT_NUMBER = re.compile(r"(.*?)\s*[\[【（(〔﹝]\s*(\d{4})\s*[\]】）)〕﹞]\s*(\d+)\s*号")


def _invalid(fields: dict[str, str]) -> WorkflowError:
    return invalid(fields)


def _now() -> datetime.datetime:
    return timezone.now()


def _check(revision: Revision, action: str, by: AnyUser | None) -> None:
    """Who may take a declared action, and from which status, for the services that take it outside
    ``Workflow.perform``: 403 (the kernel's) for the person, 409 for the status."""
    declared = WORKFLOW.action(action)
    if not WORKFLOW.may(by, revision, declared):
        raise WORKFLOW.forbidden()
    if revision.status not in declared.allowed_from:
        raise WorkflowError(409, WORKFLOW.not_allowed_code, WORKFLOW.not_allowed_message(revision, declared))


def _lock(revision: Revision) -> Revision:
    return lock(revision)


def _snapshot(revision: Revision) -> dict[str, Any]:
    return snapshot(revision)


_event = write_event


def _audit(
    by: AnyUser | None, action: str, revision: Revision, before: dict[str, Any] | None, **extra: Any
) -> None:
    write_audit(by, action, revision, before, **extra)
