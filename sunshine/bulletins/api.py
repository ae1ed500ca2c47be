"""The bulletin in the JSON API (public, no sign-in): ``GET /api/v1/bulletins?year=`` lists the
published issues, ``GET /api/v1/bulletins/{year}/{number}`` answers one with its table of contents.
Drafts and unknown issues are 404."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from sunshine.bulletins import selectors
from sunshine.bulletins.models import Issue

router = Router()


class IssueOut(Schema):
    year: int
    number: int
    title: str
    agency: str = Field(description="the code of the agency whose bulletin it is")
    published_on: datetime.date
    entries_count: int
    sha256: str = Field(description="of the PDF as published")
    pdf: str = Field(description="the address of the PDF")
    url: str = Field(description="the issue's page on the portal")


class EntryOut(Schema):
    order: int
    section: str
    record_id: int
    title: str
    index_number: str
    document_number: str
    url: str | None = Field(description="the record's public page; null once it is withdrawn")


class IssueDetailOut(IssueOut):
    entries: list[EntryOut]


def issue_data(issue: Issue) -> dict[str, Any]:
    return {
        "year": issue.year,
        "number": issue.number,
        "title": issue.title,
        "agency": issue.agency.code,
        "published_on": issue.published_on,
        "entries_count": getattr(issue, "entries_count", None) or issue.entries.count(),
        "sha256": issue.sha256,
        "pdf": reverse("bulletins:pdf", args=[issue.year, issue.number]),
        "url": reverse("bulletins:issue", args=[issue.year, issue.number]),
    }


@router.get("", response=list[IssueOut], summary="Published issues of the bulletin", auth=None)
def list_issues(request: HttpRequest, year: int | None = None) -> list[dict[str, Any]]:
    """Newest first; ``year`` narrows to one year."""
    issues = selectors.public_issues()
    if year is not None:
        issues = issues.filter(year=year)
    return [issue_data(issue) for issue in issues[:500]]


@router.get("/{year}/{number}", response=IssueDetailOut, summary="One issue with its contents", auth=None)
def get_issue(request: HttpRequest, year: int, number: int) -> dict[str, Any]:
    issue = selectors.get_public_issue(year, number)
    entries = selectors.entries_of(issue)
    linked = selectors.still_published(entries)
    return {
        **issue_data(issue),
        "entries": [
            {
                "order": entry.order,
                "section": entry.section,
                "record_id": entry.record_id,
                "title": entry.title,
                "index_number": entry.index_number,
                "document_number": entry.document_number,
                "url": reverse("portal:record_detail", args=[entry.index_number])
                if entry.record_id in linked
                else None,
            }
            for entry in entries
        ],
    }
