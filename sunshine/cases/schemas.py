"""The shapes of cases in the API (docs/cases.md#api)."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from sunshine.inforequests.api import ApplicantIn


class MaterialRef(Schema):
    key: str = Field(min_length=1, max_length=40)


class CaseIn(Schema):
    service: str = Field(min_length=1, max_length=64, description="The code of the service item.")
    applicant: ApplicantIn
    materials: list[str | MaterialRef] = Field(
        default_factory=list, description="The keys of the materials supplied (files: …/materials/{key})."
    )

    def material_keys(self) -> list[str]:
        return [m if isinstance(m, str) else m.key for m in self.materials]


class StaffCaseIn(CaseIn):
    received_on: datetime.date
    channel: str = Field(description="`counter`, `post` or `online`.")


class CaseOut(Schema):
    id: int
    tracking_code: str
    service: str
    service_name: str
    version: int
    agency: str
    channel: str
    status: str
    status_label: str
    received_on: datetime.date
    accepted_on: datetime.date | None
    due_date: datetime.date | None
    promised_date: datetime.date | None
    due_date_provisional: bool
    warning: str = Field(description="`none`, `yellow` or `red`, as of today (never stored).")
    result: str
    decided_on: datetime.date | None
    delivered_on: datetime.date | None


class CreatedCaseOut(CaseOut):
    access_key: str = Field(description="The secret that opens the case with its tracking code.")


class CaseApplicantOut(Schema):
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str


class MissingItemOut(Schema):
    material: str = Field(
        description="The key of the guide's material; empty for an item the guide does not list."
    )
    name: str = Field("", description="The material's name in the guide, as the applicant reads it.")
    reason: str


class CaseMaterialOut(Schema):
    key: str
    name: str
    required: bool
    supplied: bool
    with_file: bool
    missing: bool
    missing_reason: str


class CaseEventOut(Schema):
    date: datetime.date
    text: str


class CaseDocumentOut(Schema):
    """A document issued when the case was decided; its bytes at ``…/documents/{kind}``."""

    kind: str = Field(description="`decision` or `certificate`")
    label: str
    number: str
    issued_on: datetime.date
    valid_from: datetime.date | None
    sha256: str = Field(description="of the PDF as issued (empty until it could be made)")


class ApplicantCaseOut(CaseOut):
    agency_name: str
    applicant: CaseApplicantOut
    missing_items: list[MissingItemOut] = Field(description="What the one-time notice asks for, and why.")
    materials: list[CaseMaterialOut]
    reasons: str
    refusal_reason: str
    events: list[CaseEventOut]
    documents: list[CaseDocumentOut] = []


class CaseStaffEventOut(Schema):
    date: datetime.date
    action: str
    text: str
    by: str | None
    data: dict[str, Any]


class CasePauseOut(Schema):
    started_on: datetime.date
    ended_on: datetime.date | None
    reason: str


class StepDoneOut(Schema):
    step: str
    date: datetime.date


class StaffCaseOut(CaseOut):
    applicant: CaseApplicantOut
    missing_items: list[MissingItemOut]
    materials: list[CaseMaterialOut]
    statutory_days: int
    promised_days: int
    extension_days: int
    pauses: list[CasePauseOut]
    steps_done: list[StepDoneOut]
    events: list[CaseStaffEventOut]
    documents: list[CaseDocumentOut] = []
    allowed_actions: list[str]
    permitted_actions: list[str]


class StaffCaseListOut(Schema):
    count: int = Field(description="How many open cases there are (the list holds the first 50).")
    items: list[CaseOut]
