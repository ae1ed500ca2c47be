"""GET /api/v1/audit: the audit log for supervisors, administrators and superusers."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.api.auth import staff_auth
from sunshine.core.models import AuditEntry
from sunshine.core.pagination import PageNumber, page_slice
from sunshine.core.selectors import AuditFilter, audit_entries_for

router = Router()


class AuditEntryOut(Schema):
    id: int
    at: datetime.datetime
    actor: str = Field(validation_alias="actor_name")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    agency: str | None
    before: Any
    after: Any
    ip: str | None

    @staticmethod
    def resolve_agency(obj: AuditEntry) -> str | None:
        return obj.agency.code if obj.agency_id and obj.agency else None


class AuditPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AuditEntryOut]


class AuditQuery(Schema):
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    agency: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    page: PageNumber = 1
    page_size: int = Field(50, ge=1, le=500)


@router.get("", response=AuditPage, auth=staff_auth, summary="Read the audit log")
def list_audit(request: HttpRequest, filters: Query[AuditQuery]) -> dict[str, Any]:
    data = filters.dict()
    page, size = data.pop("page"), data.pop("page_size")
    entries = audit_entries_for(request.user, AuditFilter(**data))
    return {
        "count": entries.count(),
        "page": page,
        "page_size": size,
        "results": list(entries[page_slice(page, size)]),
    }
