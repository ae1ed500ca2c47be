"""One agency's annual report for a year: its own requests and records, or its whole tree's."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import F, QuerySet

from sunshine.agencies.models import Agency
from sunshine.annualreports.proactive import documents_table, empty_documents
from sunshine.annualreports.tables import (
    Table,
    applications_checks,
    applications_table,
    reviews_checks,
    reviews_table,
)
from sunshine.cases.statistics import licensing_decisions
from sunshine.inforequests.models import InfoRequest, Review
from sunshine.records.models import Revision

if TYPE_CHECKING:
    from sunshine.annualreports.models import AnnualReportDraft


# A tree with at least one agency in this many is read with a scan of the requests (SQLite).
LARGE_TREE_SHARE = 5


class Scope(models.TextChoices):
    SELF = "self", "self"
    TREE = "tree", "tree"


@dataclass(frozen=True)
class Decisions:
    """The figures of table 2 that staff enter on the draft until other modules supply them."""

    licensing: int
    penalty: int
    enforcement: int
    fees: Decimal  # 万元 (10,000 yuan)

    @classmethod
    def of(cls, draft: AnnualReportDraft) -> Decisions:
        return cls(
            licensing=draft.licensing_decisions,
            penalty=draft.penalty_decisions,
            enforcement=draft.enforcement_decisions,
            fees=Decimal(draft.fees_collected),
        )


@dataclass(frozen=True)
class AnnualReport:
    agency: Agency
    year: int
    scope: str
    applications: Table
    reviews: Table
    checks: list[dict[str, Any]] = field(default_factory=list)
    documents: Table = field(default_factory=empty_documents)  # table 2, first part, from the records
    decisions: Decisions | None = None  # table 2, the rest: from the draft, when there is one
    # 行政许可 counted from the cases decided in the year (0: none, the draft's figure stands).
    licensing_from_cases: int = 0

    @property
    def ok(self) -> bool:
        return all(check["ok"] for check in self.checks)

    def with_decisions(self, draft: AnnualReportDraft | None) -> AnnualReport:
        """The draft's figures of table 2; until it is published, the licensing decisions counted
        from the cases when there are any (publishing freezes them on the draft)."""
        decisions = Decisions.of(draft) if draft is not None else None
        live = draft is not None and draft.status != "published"
        if decisions is not None and live and self.licensing_from_cases:
            decisions = dataclasses.replace(decisions, licensing=self.licensing_from_cases)
        return dataclasses.replace(self, decisions=decisions)


def _agency_filter(agency: Agency, scope: str, prefix: str = "") -> dict[str, Any]:
    if scope == Scope.TREE:
        return {f"{prefix}agency__path__startswith": agency.path}
    return {f"{prefix}agency": agency}


def _tree_requests(agency: Agency) -> QuerySet[InfoRequest]:
    """The requests of ``agency`` and every agency below it.

    SQLite fetches them agency by agency through the index on agency_id, one random read per
    request; when the tree holds a large part of the agencies, reading the table once is about twice
    as fast, so the index is kept out of it there (``agency_id + 0``). PostgreSQL plans this itself.
    """
    in_tree = Agency.objects.filter(path__startswith=agency.path)
    if connection.vendor == "sqlite" and in_tree.count() * LARGE_TREE_SHARE >= Agency.objects.count():
        return InfoRequest.objects.alias(agency_plus_zero=F("agency_id") + 0).filter(
            agency_plus_zero__in=in_tree.values("id")
        )
    return InfoRequest.objects.filter(agency__path__startswith=agency.path)


def compute_report(agency: Agency, year: int, scope: str = Scope.SELF) -> AnnualReport:
    """Tables 2 (its records part), 3 and 4 with their checks, in a few grouped queries.
    Aggregates only: no personal data leaves this function."""
    requests = _tree_requests(agency) if scope == Scope.TREE else InfoRequest.objects.filter(agency=agency)
    reviews = Review.objects.filter(**_agency_filter(agency, scope, "request__"))
    revisions = Revision.objects.filter(**_agency_filter(agency, scope, "record__"))
    applications = applications_table(requests, year)
    review_counts = reviews_table(reviews, year)
    return AnnualReport(
        agency=agency,
        year=year,
        scope=scope,
        applications=applications,
        reviews=review_counts,
        checks=applications_checks(applications) + reviews_checks(review_counts),
        documents=documents_table(revisions, year),
        licensing_from_cases=licensing_decisions(agency, year, scope),
    )
