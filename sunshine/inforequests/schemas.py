"""The JSON the requests API answers, as typed schemas (listed in /api/v1/docs). They describe
exactly what ``presenters.request_data`` and ``queue.queue_page`` give: the applicant's view, and
the staff view with what only staff see (the notice's lateness, the approver, pauses, reviews and the
actions the status allows and the person's roles permit)."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class DeliveryOut(Schema):
    form: str
    method: str


class ApplicantOut(Schema):
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str


class ClockOut(Schema):
    state: str = Field(
        description="`on_time`, `due_soon`, `overdue`, `paused`, `awaiting_receipt` or `concluded`."
    )
    remaining_working_days: int | None = Field(
        description="Working days left (negative: overdue); none once concluded or when unknown."
    )


class CorrectionOut(Schema):
    items: list[str]
    requested_on: datetime.date
    due: datetime.date | None
    due_provisional: bool = Field(description="The date rests on an unpublished year's estimate.")


class StaffCorrectionOut(CorrectionOut):
    late: bool = Field(description="The notice came later than 7 working days after receipt.")


class ExtensionOut(Schema):
    working_days: int
    reason: str
    approved_by: str
    decided_on: datetime.date | None


class PersonOut(Schema):
    id: int
    username: str
    name: str


class StaffExtensionOut(ExtensionOut):
    approver: PersonOut | None


class ReplyOut(Schema):
    outcome: str
    reasons: str
    detail: dict[str, Any]
    date: datetime.date | None


class FeeDeclarationOut(Schema):
    reference: str = Field(description="The payment's reference (bank transfer, 非税收入 receipt).")
    paid_on: datetime.date | None = Field(description="The day the applicant says they paid.")
    declared_at: datetime.datetime


class FeeOut(Schema):
    state: str = Field(
        description="`pending`, `paid` (recorded by the office), `unpaid` (closed after the period) "
        "or `declined` (the applicant will not pay)."
    )
    method: str
    amount: int | None
    currency: str
    basis: dict[str, Any]
    notified_on: datetime.date
    payable_by: datetime.date | None
    payable_by_provisional: bool
    paid_on: datetime.date | None = Field(description="The payment as the office recorded it.")
    payment_declared: FeeDeclarationOut | None = Field(
        description="The applicant says they paid; the office checks it, then records the payment."
    )
    declined_on: datetime.date | None = Field(description="The day the applicant declined to pay.")
    period_over: bool


class HistoryEntryOut(Schema):
    action: str
    date: datetime.date


class PauseOut(Schema):
    party: str
    started_on: datetime.date
    ended_on: datetime.date | None


class ReviewOut(Schema):
    id: int
    kind: str
    filed_on: datetime.date
    result: str
    decided_on: datetime.date | None


class ReviewCreatedOut(ReviewOut):
    request: int


class RatingOut(Schema):
    score: int = Field(description="The applicant's rating of the reply, 1 to 5.")
    comment: str
    rated_at: datetime.datetime


class RequestOut(Schema):
    """A request as its applicant (the holder of the key) reads it."""

    id: int
    tracking_code: str
    agency: str
    agency_name: str
    channel: str
    status: str
    outcome: str | None
    submitted_at: datetime.datetime
    received_on: datetime.date | None
    due_date: datetime.date | None
    due_date_provisional: bool = Field(description="The due date rests on an unpublished year's estimate.")
    concluded_on: datetime.date | None
    title: str
    description: str
    document_number: str
    delivery: DeliveryOut
    correction: CorrectionOut | None
    extension: ExtensionOut | None
    reply: ReplyOut | None
    fee: FeeOut | None
    clock: ClockOut
    rating: RatingOut | None
    applicant: ApplicantOut


class CreatedRequestOut(RequestOut):
    access_key: str = Field(description="Shown once: with the tracking code it opens the request.")


class RequestWithHistoryOut(RequestOut):
    history: list[HistoryEntryOut]


class EventOut(Schema):
    action: str
    date: datetime.date
    text: str = Field(description="The step in the applicant's words, as on the request's page.")


class DocumentOut(Schema):
    kind: str = Field(
        description="`receipt`, `correction_notice`, `extension_notice`, `fee_notice`, `reply_notice`."
    )
    title: str
    url: str = Field(description="The PDF; send the `X-Access-Key` header.")


class FileOut(Schema):
    id: int
    name: str
    size: int = Field(description="In bytes.")
    url: str = Field(description="The file; send the `X-Access-Key` header.")


class ApplicantRequestOut(RequestWithHistoryOut):
    """A request as its applicant reads it, with their file: the steps in words, the notices they may
    download and the files they may have."""

    events: list[EventOut]
    documents: list[DocumentOut]
    files: list[FileOut]


class StaffRequestOut(RequestWithHistoryOut):
    """A request as staff read it."""

    correction: StaffCorrectionOut | None
    extension: StaffExtensionOut | None
    allowed_actions: list[str] = Field(description="The actions the status allows.")
    permitted_actions: list[str] = Field(description="Of those, the ones the person's roles permit.")
    pauses: list[PauseOut]
    reviews: list[ReviewOut]


class QueueRowOut(Schema):
    id: int
    tracking_code: str
    agency: str
    applicant_name: str
    title: str
    channel: str
    status: str
    received_on: datetime.date | None
    due_date: datetime.date | None
    due_date_provisional: bool
    state: str
    remaining_working_days: int | None


class QueuePageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[QueueRowOut]
