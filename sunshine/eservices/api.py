"""Services online in the JSON API: the public catalogue ``GET /api/v1/services`` (filters
``agency``, ``kind``, ``event``, ``q``; paginated) and one guide ``GET /api/v1/services/{code}`` with
its materials, steps, windows, time limits, fees and contacts. Only the published version of an item
of an active agency is public. Errors answer the project's one envelope (422 for a bad filter)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.core.pagination import PageNumber
from sunshine.eservices import catalogue, selectors
from sunshine.eservices.models import Version

router = Router()


class ServicesQuery(Schema):
    agency: str = Field("", max_length=40, description="an agency's code: its items only")
    kind: str = Field("", max_length=20, description="a kind code: licensing, penalty, … public_service")
    event: str = Field("", max_length=20, description="a life event code: birth, education, … business")
    q: str = Field("", max_length=catalogue.MAX_QUERY_LENGTH, description="words of the name, or the code")
    page: PageNumber = 1
    page_size: int = Field(catalogue.DEFAULT_PAGE_SIZE, ge=1, le=catalogue.MAX_PAGE_SIZE)


class ServiceOut(Schema):
    code: str
    name: str
    version: int
    agency: str
    agency_name: str
    kind: str
    kind_label: str
    handling_type: str
    online_level: int
    online_level_label: str
    statutory_days: int
    promised_days: int
    life_events: list[str]
    published_at: datetime.datetime | None
    url: str


class ServicePageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[ServiceOut]


class MaterialFileOut(Schema):
    purpose: str
    name: str
    kind: str
    size: int
    url: str


class MaterialOut(Schema):
    key: str
    name: str
    form: str
    copies: int
    required: bool
    condition: str
    notes: str
    files: list[MaterialFileOut]


class StepOut(Schema):
    key: str
    name: str
    role: str
    days: int
    description: str


class WindowOut(Schema):
    key: str
    name: str
    address: str
    hours: str


class FeesOut(Schema):
    free: bool
    fees: str
    basis: str


class ContactsOut(Schema):
    phone: str
    supervision_phone: str


class ServiceDetailOut(ServiceOut):
    legal_basis: str
    conditions: str
    fees: FeesOut
    materials: list[MaterialOut]
    steps: list[StepOut]
    windows: list[WindowOut]
    contacts: ContactsOut
    flow_chart: str = Field(description="the address of the flow chart (SVG)")


def _summary(version: Version) -> dict[str, Any]:
    item = version.item
    return {
        "code": item.code,
        "name": version.name,
        "version": version.number,
        "agency": item.agency.code,
        "agency_name": item.agency.display_name,
        "kind": version.kind,
        "kind_label": version.get_kind_display(),
        "handling_type": version.handling_type,
        "online_level": version.online_level,
        "online_level_label": version.get_online_level_display(),
        "statutory_days": version.statutory_days,
        "promised_days": version.promised_days,
        "life_events": sorted(tag.event for tag in version.events.all()),
        "published_at": version.published_at,
        "url": reverse("eservices:guide", args=[item.code]),
    }


def _detail(version: Version) -> dict[str, Any]:
    code = version.item.code
    return {
        **_summary(version),
        "legal_basis": version.legal_basis,
        "conditions": version.conditions,
        "fees": {"free": version.free, "fees": version.fees, "basis": version.fee_basis},
        "materials": [
            {
                "key": m.key,
                "name": m.name,
                "form": m.form,
                "copies": m.copies,
                "required": m.required,
                "condition": m.condition,
                "notes": m.notes,
                "files": [
                    {
                        "purpose": f.purpose,
                        "name": f.name,
                        "kind": f.kind,
                        "size": f.size,
                        "url": reverse("eservices:material_file", args=[code, m.key, f.purpose]),
                    }
                    for f in m.files.all()
                ],
            }
            for m in version.materials.all()
        ],
        "steps": [
            {"key": s.key, "name": s.name, "role": s.role, "days": s.days, "description": s.description}
            for s in version.steps.all()
        ],
        "windows": [
            {"key": w.key, "name": w.name, "address": w.address, "hours": w.hours}
            for w in version.windows.all()
        ],
        "contacts": {"phone": version.contact_phone, "supervision_phone": version.supervision_phone},
        "flow_chart": reverse("eservices:flow_svg", args=[code]),
    }


@router.get("", response=ServicePageOut, summary="The catalogue of services", auth=None)
def list_services(request: HttpRequest, filters: Query[ServicesQuery]) -> dict[str, Any]:
    """Published guides, by agency, then name. 422 ``validation_error`` naming an unknown agency,
    kind or life event."""
    values = filters.dict()
    found = catalogue.find(values, page=filters.page, page_size=filters.page_size)
    return {
        "count": found.count,
        "page": found.page,
        "page_size": found.page_size,
        "results": [_summary(v) for v in found.results],
    }


@router.get("/{code}", response=ServiceDetailOut, summary="One service guide", auth=None)
def get_service(request: HttpRequest, code: str) -> dict[str, Any]:
    """The published guide of the item; 404 ``not_found`` for an item without one."""
    return _detail(selectors.get_public_version(code))
