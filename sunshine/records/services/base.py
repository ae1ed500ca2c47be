"""What every state change of records shares: the one check of transitions, row locks,
the privacy-scan gate, the history event and the audit entry."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sunshine.agencies.models import Role
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.records import findings
from sunshine.records.codes import Status
from sunshine.records.models import Revision, RevisionEvent
from sunshine.records.selectors import may_act
from sunshine.records.transitions import TRANSITIONS, ScanGate

AnyUser = AbstractBaseUser | AnonymousUser

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
AUDITED_FIELDS = (
    "status",
    "title",
    "category",
    "genre",
    "document_number",
    "formation_date",
    "due_on",
    "due_on_provisional",
    "publish_at",
    "published_at",
    "withdrawn_at",
)
MAX_TITLE = 300
MAX_SUMMARY = 500
MAX_KEYWORDS = 300
MAX_BODY = 1_000_000
MAX_REASON = 2000
MAX_ATTACHMENTS = 50
MAX_SCHEDULE_DAYS = 366
KEYWORD_SEPARATORS = str.maketrans(dict.fromkeys(",，、;；\n\t", "；"))
# A document number typed with another kind of bracket around the year: 阳政办发[2026]12号.
DOCUMENT_NUMBER = re.compile(r"(.*?)\s*[\[【（(〔﹝]\s*(\d{4})\s*[\]】）)〕﹞]\s*(\d+)\s*号")


class RecordError(Exception):
    """An action that cannot be taken: 409 for the state, 422 for the input, 403 for the person."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def _invalid(fields: dict[str, str]) -> RecordError:
    return RecordError(422, "validation_error", _("Some of the input is not valid."), fields)


def _now() -> datetime.datetime:
    return timezone.now()


# --- Checks -----------------------------------------------------------------------------------


def _check(revision: Revision, action: str, by: AnyUser | None) -> None:
    """The one place where transitions are enforced: who may act, and from which status."""
    transition = TRANSITIONS[action]
    if by is not None and not may_act(by, revision.record.agency, transition.roles):
        raise PermissionDenied
    if revision.status not in transition.allowed_from:
        raise RecordError(
            409,
            "not_allowed_in_status",
            _("This cannot be done while the record is “%(status)s”.")
            % {"status": Status(revision.status).label},
        )


def _lock(revision: Revision) -> Revision:
    return Revision.objects.select_for_update().select_related("record", "record__agency").get(pk=revision.pk)


def _scan_gate(revision: Revision, action: str, *, acknowledged: bool = False) -> None:
    gate = TRANSITIONS[action].scan
    if gate == ScanGate.NONE:
        return
    open_findings = findings.open_findings(revision)
    if not open_findings:
        return
    if gate == ScanGate.CONFIRM and acknowledged:
        return
    n = len(open_findings)
    if gate == ScanGate.CONFIRM:
        message = ngettext(
            "The privacy scan found %(n)s possible piece of personal data or classification mark. Remove "
            "it, or send the record to review anyway and let the reviewer decide.",
            "The privacy scan found %(n)s possible pieces of personal data or classification marks. "
            "Remove them, or send the record to review anyway and let the reviewer decide.",
            n,
        )
    else:
        message = ngettext(
            "The privacy scan found %(n)s possible piece of personal data or classification mark. "
            "It must be removed or overridden by a reviewer before this step.",
            "The privacy scan found %(n)s possible pieces of personal data or classification marks. "
            "Each must be removed or overridden by a reviewer before this step.",
            n,
        )
    raise RecordError(
        409,
        "privacy_findings",
        message % {"n": n},
        {f.digest: f"{f.kind_label} · {f.source_label} · {f.masked}" for f in open_findings},
    )


def _not_own_submission(revision: Revision, by: AnyUser | None) -> None:
    """Four eyes: who submitted a record does not also review or sign it (the disclosure office may)."""
    if by is None or getattr(by, "is_superuser", False):
        return
    if revision.submitted_by_id == by.pk and not may_act(
        by, revision.record.agency, {Role.DISCLOSURE_OFFICE}
    ):
        raise RecordError(
            403,
            "own_submission",
            _("You submitted this record yourself: another person must review and sign it off."),
        )


def _event(
    revision: Revision,
    kind: str,
    by: AnyUser | None,
    *,
    at: datetime.datetime | None = None,
    checklist: Mapping[str, bool] | None = None,
    comments: str = "",
    **detail: Any,
) -> RevisionEvent:
    return RevisionEvent.objects.create(
        revision=revision,
        kind=kind,
        by=person_or_none(by),
        at=at or _now(),
        checklist=dict(checklist or {}),
        comments=comments,
        detail=audit.json_value(detail),
    )


def _snapshot(revision: Revision) -> dict[str, Any]:
    return {
        "record": revision.record_id,
        "revision": revision.number,
        **audit.snapshot(revision, AUDITED_FIELDS),
    }


def _audit(
    by: AnyUser | None, action: str, revision: Revision, before: dict[str, Any] | None, **extra: Any
) -> None:
    after = {**_snapshot(revision), **audit.json_value(extra)}
    audit.record(
        actor=by,
        action=f"record.{action}",
        obj=revision,
        before=before,
        after=after,
        agency=revision.record.agency,
    )
