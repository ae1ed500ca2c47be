"""Public statistics of the ratings (docs/evaluations.md#statistics): per agency, the count per
level, the satisfaction rate as numerator (levels 3–5) over denominator (every rating), the bad
ratings and how many of them were rectified. Counts only: never a comment or a name."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies, subtree_of
from sunshine.evaluations.codes import (
    BAD_LEVELS,
    SATISFIED_LEVELS,
    Channel,
    Level,
    RectificationStatus,
    Round,
)
from sunshine.evaluations.models import Evaluation, Rectification


@dataclass
class Figures:
    agency: Agency | None  # None: the total
    levels: dict[int, int] = field(default_factory=lambda: {int(v): 0 for v in Level.values})
    appended: int = 0
    bad_cases: int = 0  # bad ratings of cases: each opens a rectification
    rectified: int = 0  # rectifications verified and closed

    @property
    def total(self) -> int:
        return sum(self.levels.values())

    @property
    def satisfied(self) -> int:
        return sum(n for level, n in self.levels.items() if level in SATISFIED_LEVELS)

    @property
    def bad(self) -> int:
        return sum(n for level, n in self.levels.items() if level in BAD_LEVELS)

    @property
    def rate(self) -> str | None:
        """The satisfaction rate in per cent with one decimal, None without ratings."""
        if not self.total:
            return None
        return f"{self.satisfied * 100 / self.total:.1f}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "levels": {str(level): self.levels[level] for level in sorted(self.levels, reverse=True)},
            "total": self.total,
            "satisfaction": {"numerator": self.satisfied, "denominator": self.total, "percent": self.rate},
            "bad": self.bad,
            "bad_case_ratings": self.bad_cases,
            "rectified": self.rectified,
            "appended": self.appended,
        }


@dataclass
class Statistics:
    rows: list[Figures]
    total: Figures
    date_from: datetime.date | None
    date_to: datetime.date | None


def evaluation_statistics(
    *,
    agency: Agency | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Statistics:
    """The figures of every public agency (or of ``agency`` and the agencies below it) with at least
    one rating in the period. The ratings counted are the first ratings of cases and the counters'
    ratings; appended ratings are counted apart (``appended``). ``rectified`` counts the
    rectifications opened in the period and closed since."""
    agencies = public_agencies() if agency is None else public_agencies().filter(pk__in=subtree_of(agency))
    ratings = Evaluation.objects.filter(agency__in=agencies)
    rectifications = Rectification.objects.filter(agency__in=agencies)
    if date_from is not None:
        ratings = ratings.filter(rated_on__gte=date_from)
        rectifications = rectifications.filter(opened_on__gte=date_from)
    if date_to is not None:
        ratings = ratings.filter(rated_on__lte=date_to)
        rectifications = rectifications.filter(opened_on__lte=date_to)
    by_agency: dict[int, Figures] = {}
    names = {a.pk: a for a in agencies}
    counted = ratings.values("agency", "level", "round", "channel").annotate(n=Count("pk"))
    for row in counted:
        figures = by_agency.setdefault(row["agency"], Figures(names[row["agency"]]))
        if row["round"] == Round.APPENDED:
            figures.appended += row["n"]
            continue
        figures.levels[row["level"]] += row["n"]
        if row["channel"] == Channel.CASE and row["level"] in BAD_LEVELS:
            figures.bad_cases += row["n"]
    closed = rectifications.values("agency").annotate(
        n=Count("pk", filter=Q(status=RectificationStatus.CLOSED))
    )
    for row in closed:
        figures = by_agency.setdefault(row["agency"], Figures(names[row["agency"]]))
        figures.rectified += row["n"]
    rows = sorted(by_agency.values(), key=lambda f: f.agency.code if f.agency else "")
    total = Figures(None)
    for figures in rows:
        for level, n in figures.levels.items():
            total.levels[level] += n
        total.appended += figures.appended
        total.bad_cases += figures.bad_cases
        total.rectified += figures.rectified
    return Statistics(rows, total, date_from, date_to)
