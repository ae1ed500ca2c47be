"""Published government information in the public API (/api/v1/records): search and list, one
record's catalogue data and text (its files are downloaded from the record's public page). No sign-in.

Everything here is read through ``selectors.published_records()``: drafts, revisions in review,
superseded text and withdrawn records answer 404 like addresses that never existed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.api.errors import ApiProblem
from sunshine.records import indexing, public_search, selectors
from sunshine.records.models import Record, Revision
from sunshine.records.public_schemas import PublicRecordOut, PublicRecordPageOut

router = Router()


class ListQuery(Schema):
    """Every value is read as text and checked by ``public_search.parse_filters``: bad input answers
    400 (a page after the last one 404) in the API's error format, with translated messages."""

    q: str | None = Field(None, description="words to search for (at most 200 characters); empty: list all")
    agency: str | None = Field(None, description="agency code: that agency and every agency below it")
    category: str | None = Field(None, description="catalogue category key, e.g. budget, normative_documents")
    genre: str | None = Field(None, description="genre (体裁), e.g. notice, opinion, measures")
    date_from: str | None = Field(None, description="published on or after this day, YYYY-MM-DD")
    date_to: str | None = Field(None, description="published on or before this day, YYYY-MM-DD")
    validity: str | None = Field(None, description="valid, expired, repealed or revised")
    order: str | None = Field(None, description="relevance (default with q) or date (newest first)")
    page: str | None = Field(None, description="page number, from 1")
    page_size: str | None = Field(None, description="results per page, 1 to 100 (default 20)")


def _agency(agency: Any) -> dict[str, str]:
    return {"code": agency.code, "name": agency.name}


def _link(revision: Revision) -> dict[str, Any]:
    index_number = revision.record.index_number or ""
    return {"index_number": index_number, "title": revision.title, "url": indexing.record_url(index_number)}


def _public_link(record_id: int | None) -> dict[str, Any] | None:
    """The link to another record if, and only if, it is public now."""
    if record_id is None:
        return None
    revision = selectors.published_records().filter(record_id=record_id).first()
    return _link(revision) if revision is not None else None


def _row(result: public_search.Result, with_snippet: bool) -> dict[str, Any]:
    revision = result.revision
    record = revision.record
    row = {
        "index_number": record.index_number,
        "title": revision.title,
        "agency": _agency(record.agency),
        "category": revision.category.key,
        "genre": revision.genre,
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "published_on": result.published_on,
        "validity": record.validity,
        "url": result.url,
    }
    if with_snippet:
        row["snippet"] = str(result.snippet_html or "")
    return row


@router.get(
    "",
    response=PublicRecordPageOut,
    exclude_unset=True,  # a result's ``snippet`` is there only in a search
    summary="Search or list published records",
)
def list_records(request: HttpRequest, filters: Query[ListQuery]) -> dict[str, Any]:
    """With ``q``: the search index, ranked (``order=relevance``) or newest first (``order=date``);
    each result has a ``snippet``: escaped HTML where only ``<mark>`` marks the matched words. The
    count of a search stops at 1,000 (``count_is_exact`` false). Without ``q``: every published record
    matching the filters, newest first."""
    try:
        found = public_search.find_records(public_search.parse_filters(filters.dict()))
    except public_search.FilterError as exc:
        raise ApiProblem(exc.status, exc.code, exc.message, exc.fields) from exc
    return {
        "count": found.count,
        "count_is_exact": found.count_is_exact,
        "page": found.page,
        "pages": found.pages,
        "page_size": found.page_size,
        "results": [_row(result, bool(found.filters.q)) for result in found.results],
    }


def _published(index_number: str) -> Revision:
    revision = selectors.published_records().filter(record__index_number=index_number).first()
    if revision is None:
        raise ApiProblem(404, "record_not_found", _("No published record has this index number."))
    return revision


def _attachment_url(record: Record, attachment_id: int) -> str:
    """The file's public download address (route ``portal:record_attachment``)."""
    index_number = record.index_number or ""
    try:
        return reverse(
            "portal:record_attachment", kwargs={"index_number": index_number, "attachment_id": attachment_id}
        )
    except NoReverseMatch:  # the portal's file route is not there (yet): the same address, built here
        return f"{indexing.record_url(index_number)}files/{attachment_id}/"


def record_detail(revision: Revision) -> dict[str, Any]:
    """All the public catalogue data of a published record (条例 Art. 12 and gov.cn's header)."""
    record = revision.record
    return {
        "index_number": record.index_number,
        "title": revision.title,
        "summary": revision.summary,
        "url": indexing.record_url(record.index_number or ""),
        "agency": _agency(record.agency),
        "issuers": [_agency(agency) for agency in revision.issuer_list()],
        "category": {"key": revision.category.key, "name": revision.category.name},
        "topic": revision.topic.full_name if revision.topic else None,
        "genre": revision.genre,
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "published_on": indexing.published_on(revision),
        "updated_at": revision.published_at,
        "validity": {
            "value": record.validity,
            "changed_on": record.validity_changed_on,
            "replaced_by": _public_link(record.replaced_by_id),
        },
        "keywords": revision.keyword_list,
        "body": revision.public_body,
        "attachments": [
            {
                "name": attachment.name,
                "kind": attachment.kind,
                "size": attachment.public_size,
                "sha256": attachment.public_sha256,
                "url": _attachment_url(record, attachment.pk),
            }
            for attachment in revision.attachments.order_by("position", "pk")
        ],
        "interprets": _public_link(revision.interprets_id),
        "interpretations": [_link(r) for r in selectors.published_interpretations(record)],
    }


@router.get("/{path:index_number}", response=PublicRecordOut, summary="One published record")
def get_record(request: HttpRequest, index_number: str) -> dict[str, Any]:
    """Catalogue data (索引号, topic, issuers, dates, document number, validity, keywords), the text as
    HTML, attachments with their checksums and download addresses, and interpretations both ways."""
    return record_detail(_published(index_number))
