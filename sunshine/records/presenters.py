"""Records as JSON-ready dicts: the staff view (everything, for the API) and the public view (only
what may be published, for the portal and public API that are built on ``published_records()``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sunshine.records import findings
from sunshine.records.actions import allowed_actions
from sunshine.records.models import Revision
from sunshine.records.selectors import published_interpretations
from sunshine.records.worklist import limits, timeliness_state


def _agency(agency: Any) -> dict[str, str]:
    return {"code": agency.code, "name": agency.name, "name_en": agency.name_en}


def public_record_data(revision: Revision) -> dict[str, Any]:
    """The catalogue data and text of a published revision (gov.cn's header fields, 条例 Art. 12)."""
    record = revision.record
    return {
        "index_number": record.index_number,
        "title": revision.title,
        "summary": revision.summary,
        "agency": _agency(record.agency),
        "issuers": [_agency(a) for a in revision.issuer_list()],
        "category": {"key": revision.category.key, "name": revision.category.name},
        "topic": revision.topic.full_name if revision.topic else None,
        "genre": revision.genre,
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "published_at": record.first_published_at,
        "updated_at": revision.published_at,
        "validity": record.validity,
        "validity_changed_on": record.validity_changed_on,
        "replaced_by": record.replaced_by.index_number if record.replaced_by else None,
        "keywords": revision.keyword_list,
        "body": revision.public_body,
        "attachments": [
            {"id": a.pk, "name": a.name, "kind": a.kind, "size": a.public_size, "sha256": a.public_sha256}
            for a in revision.attachments.all()
        ],
        "interprets": revision.interprets.index_number if revision.interprets else None,
        "interpretations": [r.record.index_number for r in published_interpretations(record)],
    }


def interpretation_missing(revision: Revision) -> bool:
    return revision.needs_interpretation and not published_interpretations(revision.record).exists()


def record_data(revision: Revision, *, with_history: bool = False) -> dict[str, Any]:
    """Everything staff see of a record's latest (or given) revision."""
    record = revision.record
    bounds = limits()
    scan = findings.scan_revision(revision)
    data: dict[str, Any] = {
        "id": record.pk,
        "index_number": record.index_number,
        "agency": _agency(record.agency),
        "revision": revision.number,
        "status": revision.status,
        "status_label": revision.get_status_display(),
        "allowed_actions": allowed_actions(revision.status),
        "title": revision.title,
        "summary": revision.summary,
        "category": {"key": revision.category.key, "name": revision.category.name},
        "topic": {"code": revision.topic.code, "name": revision.topic.full_name} if revision.topic else None,
        "genre": revision.genre,
        "issuers": [a.code for a in revision.issuer_list()],
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "keywords": revision.keyword_list,
        "body": revision.body,
        "change_note": revision.change_note,
        "needs_interpretation": revision.needs_interpretation,
        "interpretation_missing": interpretation_missing(revision),
        "interprets": revision.interprets.index_number if revision.interprets else None,
        "validity": {
            "value": record.validity,
            "changed_on": record.validity_changed_on,
            "replaced_by": record.replaced_by.index_number if record.replaced_by else None,
        },
        "due_on": revision.due_on,
        "due_on_provisional": revision.due_on_provisional,
        "timeliness": timeliness_state(revision, bounds),
        "publish_at": revision.publish_at,
        "published_at": revision.published_at,
        "first_published_at": record.first_published_at,
        "withdrawn_at": revision.withdrawn_at,
        "withdrawal_reason": revision.withdrawal_reason,
        "attachments": [
            {
                "id": a.pk,
                "name": a.name,
                "kind": a.kind,
                "size": a.size,
                "sha256": a.sha256,
                "has_text": a.has_text,
            }
            for a in revision.attachments.all()
        ],
        "findings": [
            {
                "id": f.digest,
                "kind": f.finding.kind,
                "source": f.source,
                "attachment": f.attachment.pk if f.attachment else None,
                "masked": f.masked,
                "overridden": f.override is not None,
                "override_reason": f.override.reason if f.override else None,
                "decision": f.decision,
                "is_open": f.is_open,
                "published_as": f.published_as,
                "may_mask": f.may_mask,
                "mask_refusal": f.mask_refusal or None,
            }
            for f in scan
        ],
        "open_findings": sum(1 for f in scan if f.is_open),
    }
    if with_history:
        data["history"] = [
            {
                "kind": e.kind,
                "at": timezone.localtime(e.at).isoformat(),
                "by": e.by.get_username() if e.by else None,
                "comments": e.comments,
                "checklist": e.checklist,
            }
            for e in revision.events.select_related("by").order_by("at", "pk")
        ]
    return data


def summary_row(revision: Revision, bounds: Any) -> dict[str, Any]:
    record = revision.record
    return {
        "id": record.pk,
        "index_number": record.index_number,
        "agency": record.agency.code,
        "revision": revision.number,
        "status": revision.status,
        "title": revision.title,
        "category": revision.category.key,
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "due_on": revision.due_on,
        "due_on_provisional": revision.due_on_provisional,
        "timeliness": timeliness_state(revision, bounds),
        "published_at": revision.published_at,
        "updated_at": revision.updated_at,
    }
