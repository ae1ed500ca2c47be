"""One agency's annual report for a year: its own requests, or its whole tree's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from sunshine.agencies.models import Agency
from sunshine.annualreports.tables import (
    Table,
    applications_checks,
    applications_table,
    reviews_checks,
    reviews_table,
)
from sunshine.inforequests.models import InfoRequest, Review


class Scope(models.TextChoices):
    SELF = "self", "self"
    TREE = "tree", "tree"


@dataclass(frozen=True)
class AnnualReport:
    agency: Agency
    year: int
    scope: str
    applications: Table
    reviews: Table
    checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check["ok"] for check in self.checks)


def _agency_filter(agency: Agency, scope: str, prefix: str = "") -> dict[str, Any]:
    if scope == Scope.TREE:
        return {f"{prefix}agency__path__startswith": agency.path}
    return {f"{prefix}agency": agency}


def compute_report(agency: Agency, year: int, scope: str = Scope.SELF) -> AnnualReport:
    """Tables 3 and 4 with their checks. Aggregates only: no personal data leaves this function."""
    requests = InfoRequest.objects.filter(**_agency_filter(agency, scope))
    reviews = Review.objects.filter(**_agency_filter(agency, scope, "request__"))
    applications = applications_table(requests, year)
    review_counts = reviews_table(reviews, year)
    return AnnualReport(
        agency=agency,
        year=year,
        scope=scope,
        applications=applications,
        reviews=review_counts,
        checks=applications_checks(applications) + reviews_checks(review_counts),
    )
