"""What the workflow kernel needs to know of records: how a revision is locked, its agency, its
audit snapshot, the privacy scan gate, the history event and the audit row written for a step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, AnyUser, ScanGate, Step, WorkflowError, invalid
from sunshine.records import findings
from sunshine.records.codes import ChecklistItem, EventKind, Status
from sunshine.records.models import Revision, RevisionEvent

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
# The history event of an action, where it is not the action's own name.
EVENT_KINDS: dict[str, str] = {"publish_due": EventKind.PUBLISH}


def lock(revision: Revision) -> Revision:
    return Revision.objects.select_for_update().select_related("record", "record__agency").get(pk=revision.pk)


def agency_of(revision: Revision) -> Agency:
    return revision.record.agency


def snapshot(revision: Revision) -> dict[str, Any]:
    return {
        "record": revision.record_id,
        "revision": revision.number,
        **audit.snapshot(revision, AUDITED_FIELDS),
    }


def not_allowed_message(revision: Revision, action: Action[Revision]) -> str:
    return _("This cannot be done while the record is “%(status)s”.") % {
        "status": Status(revision.status).label
    }


def forbidden_message() -> str:
    """The message every 403 of the API has always given for records."""
    return _("You do not have permission to do this.")


def checklist(values: Mapping[str, bool] | Iterable[str] | None) -> dict[str, bool]:
    """The confidentiality review checklist (保密审查), every item ticked or not; 422 for unknown items."""
    if values is None:
        return dict.fromkeys(ChecklistItem.values, False)
    ticked = {k for k, v in values.items() if v} if isinstance(values, Mapping) else set(values)
    unknown = ticked - set(ChecklistItem.values)
    if unknown:
        raise invalid(
            {"checklist": _("Unknown checklist items: %(items)s.") % {"items": ", ".join(sorted(unknown))}}
        )
    return {item: item in ticked for item in ChecklistItem.values}


def scan_gate(step: Step[Revision]) -> None:
    """Open privacy findings stop a step that declares the gate (CONFIRM: unless the person asks the
    reviewer to decide on them); 409 ``privacy_findings`` with each finding by its digest."""
    gate = step.action.scan
    if gate == ScanGate.NONE:
        return
    open_findings = findings.open_findings(step.obj)
    if not open_findings:
        return
    if gate == ScanGate.CONFIRM and step.acknowledged:
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
    raise WorkflowError(
        409,
        "privacy_findings",
        message % {"n": n},
        {f.digest: f"{f.kind_label} · {f.source_label} · {f.masked}" for f in open_findings},
    )


def write_event(
    revision: Revision,
    kind: str,
    by: AnyUser | None,
    *,
    at: datetime.datetime | None = None,
    checklist: Mapping[str, bool] | None = None,
    comments: str = "",
    **detail: Any,
) -> RevisionEvent:
    """One line of the revision's history."""
    return RevisionEvent.objects.create(
        revision=revision,
        kind=kind,
        by=person_or_none(by),
        at=at or timezone.now(),
        checklist=dict(checklist or {}),
        comments=comments,
        detail=audit.json_value(detail),
    )


def write_audit(
    by: AnyUser | None, action: str, revision: Revision, before: dict[str, Any] | None, **extra: Any
) -> None:
    """The audit row of a step taken outside ``Workflow.perform`` (``record.<action>``)."""
    audit.record(
        actor=by,
        action=f"record.{action}",
        obj=revision,
        before=before,
        after={**snapshot(revision), **audit.json_value(extra)},
        agency=revision.record.agency,
    )


# What a step's data keeps for the audit that the history holds in its own columns.
_NOT_DETAIL = frozenset({"checklist", "reason", "comments"})


def event(step: Step[Revision], data: Mapping[str, Any]) -> None:
    """The history event of a step: the comments (or the reason) given, the checklist of a review,
    the step's data; a publication is dated at the moment it takes effect."""
    given = step.input
    comments = (getattr(given, "comments", None) or getattr(given, "reason", None) or "").strip()
    ticked = getattr(given, "checklist", None)
    items = data["checklist"] if "checklist" in data else (checklist(ticked) if ticked is not None else {})
    at = step.obj.published_at if step.action.to == Status.PUBLISHED else None
    write_event(
        step.obj,
        EVENT_KINDS.get(step.action.name, step.action.name),
        step.by,
        at=at,
        checklist=items,
        comments=comments,
        **{k: v for k, v in data.items() if k not in _NOT_DETAIL},
    )
