"""Reads of website health for the staff pages (docs/sitehealth.md#pages): the latest run, its
findings in the person's scope — the agencies they supervise (``supervised_agencies``) and the
findings of the whole site, which belong to no agency — and the availability of the last days."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.sitehealth.codes import Kind, Severity
from sunshine.sitehealth.models import CheckRun, Finding, Probe
from sunshine.supervision.selectors import supervised_agencies

AVAILABILITY_DAYS = 30


def latest_run() -> CheckRun | None:
    return CheckRun.objects.order_by("-started_at", "-pk").first()


def findings_for(user: AnyUser, run: CheckRun, agency: Agency | None = None) -> QuerySet[Finding]:
    """Veto items first, then by kind and agency. Without ``agency``: the whole site's findings and
    those of every agency the person supervises; with it, that agency's own."""
    found = Finding.objects.filter(run=run)
    if agency is not None:
        found = found.filter(agency=agency)
    else:
        found = found.filter(Q(agency__isnull=True) | Q(agency__in=supervised_agencies(user).values("pk")))
    return found.select_related("agency").order_by(
        "severity", "kind", "agency__path", "pk"
    )  # "veto" < "warning"


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    veto: int
    warning: int


def counts_by_kind(findings: QuerySet[Finding]) -> list[KindCount]:
    rows = {
        (row["kind"], row["severity"]): row["n"]
        for row in findings.order_by().values("kind", "severity").annotate(n=Count("id"))
    }
    return [
        KindCount(kind, str(label), rows.get((kind, Severity.VETO), 0), rows.get((kind, Severity.WARNING), 0))
        for kind, label in Kind.choices
    ]


@dataclass(frozen=True)
class AgencyCount:
    agency: Agency
    veto: int
    warning: int


def counts_by_agency(findings: QuerySet[Finding]) -> list[AgencyCount]:
    rows = list(
        findings.filter(agency__isnull=False)
        .order_by()
        .values("agency")
        .annotate(
            veto=Count("id", filter=Q(severity=Severity.VETO)),
            warning=Count("id", filter=Q(severity=Severity.WARNING)),
        )
    )
    agencies = Agency.objects.in_bulk([row["agency"] for row in rows])
    result = [AgencyCount(agencies[row["agency"]], row["veto"], row["warning"]) for row in rows]
    return sorted(result, key=lambda r: (-r.veto, -r.warning, r.agency.path))


@dataclass(frozen=True)
class Day:
    day: datetime.date
    probes: int
    failed: int
    average_ms: int | None


@dataclass(frozen=True)
class Availability:
    start: datetime.date
    end: datetime.date
    probes: int
    failed: int
    days: list[Day]
    failures: list[Probe]

    @property
    def percent(self) -> str | None:
        if not self.probes:
            return None
        return f"{100 * (self.probes - self.failed) / self.probes:.2f}"


def availability(today: datetime.date | None = None, days: int = AVAILABILITY_DAYS) -> Availability:
    """The probes of the last ``days`` days (today included), a row per day with probes."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    probes = Probe.objects.filter(at__gte=since, at__lt=until)
    rows = (
        probes.annotate(day=TruncDate("at"))
        .order_by()
        .values("day")
        .annotate(n=Count("id"), failed=Count("id", filter=Q(ok=False)), average=Avg("latency_ms"))
        .order_by("-day")
    )
    by_day = [
        Day(
            row["day"], row["n"], row["failed"], round(row["average"]) if row["average"] is not None else None
        )
        for row in rows
    ]
    return Availability(
        start=start,
        end=today,
        probes=sum(d.probes for d in by_day),
        failed=sum(d.failed for d in by_day),
        days=by_day,
        failures=list(probes.filter(ok=False).order_by("-at")[:20]),
    )
