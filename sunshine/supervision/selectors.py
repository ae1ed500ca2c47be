"""Reads of electronic supervision, for the disclosure office and supervisors of a subtree: the cases
by level as of the last sweep, the notices, and the dashboards' figures — each a numerator over a
denominator, counted by the database in one grouped query per figure family
(docs/supervision.md#dashboards)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in, subtree_of
from sunshine.supervision import rollup
from sunshine.supervision.codes import OPEN_NOTICES, SUPERVISING_ROLES, Level
from sunshine.supervision.models import AgencyOpen, CaseState, Notice


def supervised_agencies(user: AnyUser) -> QuerySet[Agency]:
    """The agencies whose cases ``user`` supervises: the subtrees of their disclosure office and
    supervisor roles (every agency for superusers)."""
    return agencies_for_staff(user, roles=SUPERVISING_ROLES)


def may_supervise_any(user: AnyUser) -> bool:
    return user.is_authenticated and supervised_agencies(user).exists()


def get_supervised_agency(user: AnyUser, code: str) -> Agency:
    found = supervised_agencies(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


def cases_by_level(
    user: AnyUser, level: str | None = None, agency: Agency | None = None
) -> QuerySet[CaseState]:
    """The open cases with a yellow or red level (or only ``level``) as of the last sweep, in the
    person's subtrees (or ``agency``'s subtree), the earliest promised date first."""
    levels = [level] if level in (Level.YELLOW, Level.RED) else [Level.YELLOW, Level.RED]
    scope = subtree_of(agency) if agency is not None else supervised_agencies(user)
    return (
        CaseState.objects.filter(is_open=True, promised_level__in=levels, agency__in=scope.values("pk"))
        .select_related("case", "agency", "case__version")
        .order_by(F("case__promised_date").asc(nulls_last=True), "case_id")
    )


def notices_for(user: AnyUser, agency: Agency | None = None) -> QuerySet[Notice]:
    """Notices the person may read: those of their agencies (to reply) and of their subtrees."""
    scope = agencies_for_staff(user) if agency is None else subtree_of(agency)
    return Notice.objects.filter(agency__in=scope.values("pk")).select_related("agency", "case")


def get_notice(user: AnyUser, pk: int) -> Notice:
    found = notices_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def notice_actions(user: AnyUser, notice: Notice) -> list[str]:
    from sunshine.supervision.actions import WORKFLOW

    return WORKFLOW.for_roles(notice.status, roles_in(user, notice.agency))


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        return round(self.numerator / self.denominator, 4) if self.denominator else None

    def as_dict(self) -> dict[str, int | float | None]:
        return {"numerator": self.numerator, "denominator": self.denominator, "rate": self.rate}


FIGURES = (
    "on_time_statutory",
    "on_time_promised",
    "online",
    "average_days",
    "yellow",
    "red",
    "open_notices",
)


@dataclass
class Counts:
    """The raw counts of one agency (or of a total)."""

    decided: int = 0
    on_time_statutory: int = 0
    on_time_promised: int = 0
    decision_days: int = 0
    with_days: int = 0
    received: int = 0
    online: int = 0
    open: int = 0
    yellow: int = 0
    red: int = 0
    notices: int = 0
    open_notices: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, Figure]:
        return {
            "on_time_statutory": Figure(self.on_time_statutory, self.decided),
            "on_time_promised": Figure(self.on_time_promised, self.decided),
            "online": Figure(self.online, self.received),
            # the rate of this one is the average: working days over decided cases
            "average_days": Figure(self.decision_days, self.with_days),
            "yellow": Figure(self.yellow, self.open),
            "red": Figure(self.red, self.open),
            "open_notices": Figure(self.open_notices, self.notices),
        }


@dataclass
class Dashboard:
    start: datetime.date
    end: datetime.date
    rows: list[tuple[Agency, dict[str, Figure]]] = field(default_factory=list)
    total: dict[str, Figure] = field(default_factory=dict)


def counts_by_agency(start: datetime.date, end: datetime.date) -> dict[int, Counts]:
    """Counts per agency id as of the last sweep: the agency-day totals of the period, the open
    cases by level, and the notices (live) — each a grouped query over a few rows per agency, never
    over the cases (``rollup``)."""
    counts: dict[int, Counts] = {}

    def of(pk: int) -> Counts:
        return counts.setdefault(pk, Counts())

    for pk, days in rollup.totals(start, end).items():
        c = of(pk)
        c.received, c.online = days["received"], days["online"]
        c.decided = days["decided"]
        c.on_time_statutory, c.on_time_promised = days["on_time_statutory"], days["on_time_promised"]
        c.decision_days, c.with_days = days["decision_days"], days["with_days"]
    for pk, n, y, r in AgencyOpen.objects.values_list("agency_id", "open", "yellow", "red"):
        c = of(pk)
        c.open, c.yellow, c.red = n, y, r
    for row in (
        Notice.objects.order_by()
        .values("agency_id")
        .annotate(n=Count("pk"), o=Count("pk", filter=Q(status__in=OPEN_NOTICES)))
    ):
        c = of(row["agency_id"])
        c.notices, c.open_notices = row["n"], row["o"]
    return counts


def dashboard(agencies: Iterable[Agency], start: datetime.date, end: datetime.date) -> Dashboard:
    """One row per agency of ``agencies`` (its own cases) and the total, as of the last sweep."""
    listed = list(agencies)
    counts = counts_by_agency(start, end)
    total = Counts()
    result = Dashboard(start, end)
    for agency in listed:
        own = counts.get(agency.pk, Counts())
        total.add(own)
        result.rows.append((agency, own.figures()))
    result.total = total.figures()
    return result


def tree_dashboard(
    user: AnyUser, start: datetime.date, end: datetime.date, agency: Agency | None = None
) -> Dashboard:
    """The whole tree the person supervises (or ``agency``'s subtree): a row per agency, the total."""
    if agency is not None:
        return dashboard(subtree_of(agency).order_by("path", "sort_order"), start, end)
    return dashboard(supervised_agencies(user).order_by("path", "sort_order"), start, end)
