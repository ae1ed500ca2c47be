"""The ledger in the API: ``GET /oversight/ledger?agency=&from=&to=&subtree=`` (staff, with the same
reach as the staff page; docs/ledger.md)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from sunshine.api.auth import staff_auth
from sunshine.ledger.access import ledger_agency, ledger_scope
from sunshine.ledger.ledger import build_ledger
from sunshine.ledger.period import ledger_period

router = Router(auth=staff_auth, tags=["oversight"])


class LedgerQuery(Schema):
    agency: str = Field(..., min_length=1, max_length=40, description="the agency's code")
    start: datetime.date | None = Field(None, alias="from")
    end: datetime.date | None = Field(None, alias="to")
    subtree: bool = Field(False, description="with the agencies below it that the person may see")


class LedgerRecordRowOut(Schema):
    date: datetime.date
    event: str
    agency: str
    index_number: str
    title: str
    document_number: str
    category: str
    signed_by: str
    by: str
    note: str


class RequestRowOut(Schema):
    tracking_code: str
    agency: str
    received_on: datetime.date | None
    due_date: datetime.date | None
    concluded_on: datetime.date | None
    outcome: str
    timeliness: str
    on_time: bool | None


class LetterRowOut(Schema):
    tracking_code: str
    agency: str
    kind: str
    received_on: datetime.date
    due_date: datetime.date | None
    replied_on: datetime.date
    timeliness: str
    on_time: bool | None


class LedgerOut(Schema):
    agency: str
    agencies: list[str]
    start: datetime.date = Field(..., alias="from")
    end: datetime.date = Field(..., alias="to")
    records: list[LedgerRecordRowOut]
    requests: list[RequestRowOut]
    letters: list[LetterRowOut]


@router.get("", response=LedgerOut, by_alias=True, summary="The disclosure ledger of an agency")
def ledger(request: HttpRequest, filters: Query[LedgerQuery]) -> dict[str, Any]:
    """Every record published, changed or withdrawn, every request received or concluded and every
    letter answered in the period (default: this month up to today), read from their history so that
    a past period always answers the same. Requests and letters by tracking code only."""
    agency = ledger_agency(request.user, filters.agency)
    start, end = ledger_period(filters.start, filters.end, timezone.localdate())
    found = build_ledger(
        agency=agency,
        agencies=ledger_scope(request.user, agency, subtree=filters.subtree),
        start=start,
        end=end,
    )
    return {
        "agency": agency.code,
        "agencies": [a.code for a in found.agencies],
        "from": found.start,
        "to": found.end,
        "records": [dataclasses.asdict(r) for r in found.records],
        "requests": [{**dataclasses.asdict(r), "on_time": r.on_time} for r in found.requests],
        "letters": [{**dataclasses.asdict(r), "on_time": r.on_time} for r in found.letters],
    }
