"""The JSON the public records API answers, as typed schemas (listed in /api/v1/docs). They describe
exactly what ``public_api`` gives: a page of search or list results, and one published record with
its links to other published records.

A result has a ``snippet`` only in a search (with words): the list route leaves out the fields its
answer did not set, and ``snippet`` is the only one that is ever missing."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class PublicAgencyOut(Schema):
    code: str
    name: str


class PublicCategoryOut(Schema):
    key: str
    name: str


class RecordLinkOut(Schema):
    """Another record, named only while it is published."""

    index_number: str
    title: str
    url: str


class PublicValidityOut(Schema):
    value: str = Field(description="`valid`, `expired`, `repealed` or `revised`.")
    changed_on: datetime.date | None
    replaced_by: RecordLinkOut | None


class PublicAttachmentOut(Schema):
    name: str
    kind: str
    size: int = Field(description="In bytes.")
    sha256: str
    url: str = Field(description="The public download address.")


class PublicRecordOut(Schema):
    """A published record: catalogue data (条例 Art. 12), the text as HTML and the attachments."""

    index_number: str
    title: str
    summary: str
    url: str
    agency: PublicAgencyOut
    issuers: list[PublicAgencyOut]
    category: PublicCategoryOut
    topic: str | None = Field(description="The topic's full name (主题分类).")
    genre: str
    document_number: str
    formation_date: datetime.date | None
    published_on: datetime.date = Field(description="The day of first publication (发布日期).")
    updated_at: datetime.datetime | None = Field(description="The publication of the text shown.")
    validity: PublicValidityOut
    keywords: list[str]
    body: str = Field(description="Sanitised HTML.")
    attachments: list[PublicAttachmentOut]
    interprets: RecordLinkOut | None = Field(description="The policy document a policy interpretation reads.")
    interpretations: list[RecordLinkOut]


class PublicRecordRowOut(Schema):
    index_number: str
    title: str
    agency: PublicAgencyOut
    category: str
    genre: str
    document_number: str
    formation_date: datetime.date | None
    published_on: datetime.date
    validity: str
    url: str
    snippet: str = Field(
        "",
        description="Only in a search (with `q`): escaped HTML where only `<mark>` marks the matched words.",
    )


class PublicRecordPageOut(Schema):
    count: int = Field(description="With `q`, counted up to 1,000 (then `count_is_exact` is false).")
    count_is_exact: bool
    page: int
    pages: int
    page_size: int
    results: list[PublicRecordRowOut]
