"""The API's schemas of letters: what comes in and what goes out."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from sunshine.letters.codes import Kind


class WriterIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)


class LetterIn(Schema):
    agency: str = Field(min_length=1, max_length=40, description="The code of the agency addressed.")
    kind: Kind
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20000)
    writer: WriterIn
    publish_consent: bool = False


class PublicLetterIn(LetterIn):
    challenge_id: str | None = Field(
        None, max_length=500, description="The question's id from a 428 `challenge_required` answer."
    )
    challenge_answer: str | None = Field(None, max_length=20, description="The answer to that question.")


class StaffLetterIn(LetterIn):
    received_on: datetime.date
    channel: str = Field(description="`post`, `phone` or `in_person`.")


class InfoIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class LetterOut(Schema):
    id: int
    tracking_code: str
    agency: str
    addressed_to: str
    kind: str
    channel: str
    subject: str
    status: str
    received_on: datetime.date
    due_date: datetime.date | None
    due_date_provisional: bool
    state: str
    supervision_due_on: datetime.date | None
    red_mark: bool = Field(description="Still open three calendar months after receipt.")


class CreatedLetterOut(LetterOut):
    access_key: str


class LetterReplyOut(Schema):
    text: str
    date: datetime.date
    published: bool


class LetterRatingOut(Schema):
    rating: str = Field(description="`satisfied`, `basically_satisfied` or `dissatisfied`")
    label: str
    comment: str
    rated_on: datetime.date
    after_reopening: bool


class StaffEventOut(Schema):
    action: str
    date: datetime.date
    text: str
    by: str | None
    data: dict[str, Any]


class StaffLetterOut(LetterOut):
    body: str
    publish_consent: bool
    writer: dict[str, str]
    period_working_days: int
    extension_days: int
    reply: LetterReplyOut | None
    events: list[StaffEventOut]
    permitted_actions: list[str]
    read_only: bool
    rating: LetterRatingOut | None = Field(description="the writer's latest rating of a reply")
    reopened_on: datetime.date | None
    flag: str = Field("", description="`duplicate`, `abusive` or empty (docs/letters.md#moderation).")
    flag_reason: str = ""
    duplicate_of: str | None = Field(None, description="The tracking code of the letter it repeats.")


class WriterEventOut(Schema):
    date: datetime.date
    text: str


class WriterLetterOut(Schema):
    tracking_code: str
    agency: str
    agency_name: str
    kind: str
    subject: str
    status: str
    status_label: str
    received_on: datetime.date
    due_date: datetime.date | None
    due_date_provisional: bool
    info_items: list[str]
    events: list[WriterEventOut]
    reply: LetterReplyOut | None
    rating: LetterRatingOut | None = Field(description="your rating of the current reply")
    may_rate: bool
    may_reopen: bool
    reopened_on: datetime.date | None


class QueueOut(Schema):
    count: int
    due_soon: int
    overdue: int
    red: int = Field(description="Letters open three calendar months after receipt (red mark).")
    items: list[LetterOut]
