"""Reads of the bulletin: what the public sees (published issues only) and what a member of staff may
see and do. Every staff check takes the acting user.

Only the disclosure office compiles the bulletin: the office of the agency the issue belongs to, or
of an agency above it (a tree role). Officers, reviewers and offices of other trees are refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.bulletins.models import Entry, Issue, IssueStatus
from sunshine.records.models import Revision
from sunshine.records.selectors import published_in_tree, published_records

COMPILER_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
# The section headings offered when adding a record (any other heading may be typed).
SECTIONS = ("市政府令", "市政府文件", "市政府办公室文件", "部门文件", "人事任免", "政策解读", "其他")
CANDIDATE_LIMIT = 50


# --- Public -----------------------------------------------------------------------------------


def public_issues() -> QuerySet[Issue]:
    """Published issues of active agencies, newest first, without their PDF bytes."""
    return (
        Issue.objects.filter(status=IssueStatus.PUBLISHED, agency__is_active=True)
        .select_related("agency")
        .defer("pdf")
        .annotate(entries_count=Count("entries"))
        .order_by("-year", "-number")
    )


def public_years() -> list[int]:
    return sorted(set(public_issues().values_list("year", flat=True)), reverse=True)


def get_public_issue(year: int, number: int) -> Issue:
    try:
        return public_issues().get(year=year, number=number)
    except Issue.DoesNotExist as exc:
        raise Http404(f"{year}/{number}") from exc


def public_pdf(year: int, number: int) -> Issue:
    """A published issue with its stored PDF bytes."""
    try:
        return Issue.objects.select_related("agency").get(
            status=IssueStatus.PUBLISHED, agency__is_active=True, year=year, number=number
        )
    except Issue.DoesNotExist as exc:
        raise Http404(f"{year}/{number}") from exc


def entries_of(issue: Issue) -> list[Entry]:
    return list(issue.entries.order_by("order", "pk"))


def still_published(entries: list[Entry]) -> set[int]:
    """The records of ``entries`` whose public page is there now (a record may be withdrawn after the
    issue printed it: the issue still lists it, without a link)."""
    ids = [entry.record_id for entry in entries]
    return set(published_records().filter(record_id__in=ids).values_list("record_id", flat=True))


@dataclass(frozen=True)
class Section:
    heading: str
    entries: list[Entry]


def sections_of(entries: list[Entry]) -> list[Section]:
    """The table of contents: consecutive entries under the same heading form one section."""
    sections: list[Section] = []
    for entry in entries:
        if sections and sections[-1].heading == entry.section:
            sections[-1].entries.append(entry)
        else:
            sections.append(Section(entry.section, [entry]))
    return sections


# --- Staff ------------------------------------------------------------------------------------


def may_compile(user: AnyUser, agency: Agency) -> bool:
    """Whether ``user`` compiles the bulletin of ``agency`` (its disclosure office, or one above)."""
    return bool(roles_in(user, agency) & COMPILER_ROLES)


def compiling_agencies(user: AnyUser) -> QuerySet[Agency]:
    """Active agencies whose bulletin ``user`` may compile."""
    return agencies_for_staff(user, roles=COMPILER_ROLES).filter(is_active=True).order_by("path")


def works_on_bulletins(user: AnyUser) -> bool:
    return compiling_agencies(user).exists()


def issues_for_staff(user: AnyUser) -> QuerySet[Issue]:
    """Issues of the agencies whose bulletin ``user`` compiles, newest first, without PDF bytes."""
    return (
        Issue.objects.filter(agency__in=compiling_agencies(user))
        .select_related("agency")
        .defer("pdf")
        .annotate(entries_count=Count("entries"))
        .order_by("-year", "-number")
    )


def get_issue_for_staff(user: AnyUser, issue_id: int) -> Issue:
    try:
        # The PDF's bytes are read only when the page downloads them.
        return (
            Issue.objects.select_related("agency")
            .defer("pdf")
            .get(pk=issue_id, agency__in=compiling_agencies(user))
        )
    except Issue.DoesNotExist as exc:
        raise Http404(issue_id) from exc


def next_number(year: int) -> int:
    """The next free number of ``year``."""
    numbers = Issue.objects.filter(year=year).values_list("number", flat=True)
    return max(numbers, default=0) + 1


def addable_records(issue: Issue) -> QuerySet[Revision]:
    """The published records an issue may print: those of its agency's tree."""
    return published_in_tree(issue.agency)


def suggested_section(issue: Issue, revision: Revision) -> str:
    """The heading offered for a record: appointments under 人事任免, the agency's own documents
    under 市政府文件, those of the agencies below under 部门文件."""
    keys = {revision.category.key, getattr(revision.category.parent, "key", "")}
    if keys & {"appointments", "personnel"}:
        return "人事任免"
    if keys & {"policy_interpretation"}:
        return "政策解读"
    return "市政府文件" if revision.record.agency_id == issue.agency_id else "部门文件"


@dataclass(frozen=True)
class RecordFilter:
    q: str = ""
    agency: str = ""  # an agency's code, of the issue's tree
    category: str = ""  # a standard category key: the category or one below it
    start: datetime.date | None = None  # published on or after
    end: datetime.date | None = None  # published on or before


def candidate_records(issue: Issue, filters: RecordFilter) -> list[Revision]:
    """Published records of the issue's tree matching ``filters`` and not in the issue yet, newest
    first (at most ``CANDIDATE_LIMIT``)."""
    revisions = addable_records(issue).exclude(record_id__in=issue.entries.values("record_id"))
    if filters.q:
        revisions = revisions.filter(
            Q(title__icontains=filters.q)
            | Q(document_number__icontains=filters.q)
            | Q(record__index_number__icontains=filters.q)
        )
    if filters.agency:
        revisions = revisions.filter(record__agency__code=filters.agency)
    if filters.category:
        revisions = revisions.filter(
            Q(category__key=filters.category) | Q(category__parent__key=filters.category)
        )
    if filters.start:
        revisions = revisions.filter(published_at__date__gte=filters.start)
    if filters.end:
        revisions = revisions.filter(published_at__date__lte=filters.end)
    return list(
        revisions.select_related("category__parent").order_by("-published_at", "-pk")[:CANDIDATE_LIMIT]
    )
