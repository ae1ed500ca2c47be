"""The JSON the staff records API answers, as typed schemas (listed in /api/v1/docs). They describe
exactly what ``presenters.record_data`` (with its history), ``presenters.summary_row`` and the
catalogue listing give: nothing dropped, renamed or added."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

TIMELINESS = "`running`, `due_soon`, `overdue`, `on_time`, `late` or `unknown`."


class RecordAgencyOut(Schema):
    code: str
    name: str
    name_en: str


class CategoryRefOut(Schema):
    key: str
    name: str


class TopicOut(Schema):
    code: str
    name: str = Field(description="The full name, parents first (科技、教育\\教育).")


class ValidityOut(Schema):
    value: str = Field(description="`valid`, `expired`, `repealed` or `revised`.")
    changed_on: datetime.date | None
    replaced_by: str | None = Field(description="The index number of the replacing record.")


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int = Field(description="In bytes.")
    sha256: str
    has_text: bool = Field(description="Text was read from the file for the privacy scan.")


class FindingOut(Schema):
    id: str = Field(description="The finding's digest: name it to decide on the finding.")
    kind: str
    source: str = Field(description="Where it was found: a field of the record or an attachment.")
    attachment: int | None = Field(description="The id of the attachment it was found in.")
    masked: str = Field(description="The value found, mostly masked.")
    overridden: bool = Field(description="A reviewer decided on it (kept or masked).")
    override_reason: str | None
    decision: Literal["keep", "mask"] | None = Field(
        description="`keep`: published as it is; `mask`: the public reads `published_as`; none: open."
    )
    is_open: bool = Field(description="It still stops approval, sign-off and publication.")
    published_as: str = Field(description="What the public reads if it is masked (the agency's rule).")
    may_mask: bool = Field(description="Masking is offered (never in a PDF, nor for a classification mark).")
    mask_refusal: str | None = Field(description="Why masking is not offered.")


class RecordEventOut(Schema):
    kind: str
    at: str = Field(description="The moment, ISO 8601 in local time.")
    by: str | None = Field(description="The username of the person, none for the system.")
    comments: str
    checklist: dict[str, bool] = Field(description="The review checklist, every item ticked or not.")


class StaffRecordOut(Schema):
    """A record as staff read it: its latest (or given) revision, the privacy scan and the history."""

    id: int
    index_number: str | None = Field(description="索引号, given at the first publication.")
    agency: RecordAgencyOut
    revision: int
    status: str
    status_label: str
    allowed_actions: list[str] = Field(description="The actions the status allows.")
    title: str
    summary: str
    category: CategoryRefOut
    topic: TopicOut | None
    genre: str
    issuers: list[str] = Field(description="Codes of the issuing agencies, lead first.")
    document_number: str
    formation_date: datetime.date | None
    keywords: list[str]
    body: str
    change_note: str
    needs_interpretation: bool
    interpretation_missing: bool
    interprets: str | None = Field(description="The index number of the policy document interpreted.")
    validity: ValidityOut
    due_on: datetime.date | None
    due_on_provisional: bool = Field(description="The date rests on an unpublished year's estimate.")
    timeliness: str = Field(description=TIMELINESS)
    publish_at: datetime.datetime | None
    published_at: datetime.datetime | None
    first_published_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str
    attachments: list[AttachmentOut]
    findings: list[FindingOut]
    open_findings: int
    history: list[RecordEventOut]


class RecordRowOut(Schema):
    id: int
    index_number: str | None
    agency: str
    revision: int
    status: str
    title: str
    category: str
    document_number: str
    formation_date: datetime.date | None
    due_on: datetime.date | None
    due_on_provisional: bool
    timeliness: str = Field(description=TIMELINESS)
    published_at: datetime.datetime | None
    updated_at: datetime.datetime


class RecordPageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[RecordRowOut]


class CategoryOut(Schema):
    key: str
    name: str
    name_en: str
    parent: str | None = Field(description="The key of the parent category.")
    interval_days: int | None = Field(description="The expected update interval, in days.")
    is_active: bool
