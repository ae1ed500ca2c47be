"""Figures of cases for other modules: the annual report's table 2 counts the licensing decisions
(行政许可 本年处理决定数量) of an agency's year from here (docs/cases.md#annual-report)."""

from __future__ import annotations

from sunshine.agencies.models import Agency
from sunshine.cases.codes import Result
from sunshine.cases.models import Case
from sunshine.eservices.codes import Kind


def licensing_decisions(agency: Agency, year: int, scope: str = "self") -> int:
    """The decisions (approved and denied) taken in ``year`` on cases of items of kind licence, of
    ``agency`` alone (``self``) or of it and every agency below it (``tree``)."""
    cases = Case.objects.filter(
        decided_on__year=year, result__in=[Result.APPROVED, Result.DENIED], version__kind=Kind.LICENSING
    )
    if scope == "tree":
        cases = cases.filter(agency__path__startswith=agency.path)
    else:
        cases = cases.filter(agency=agency)
    return cases.count()
