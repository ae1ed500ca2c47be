"""Reads of oversight for the disclosure office and supervisors of a subtree (the same people as
electronic supervision): the agencies they oversee and the stored figures, computed on first read
when a month has none (docs/oversight.md)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.oversight import services
from sunshine.oversight.indicators import INDICATORS, Indicator
from sunshine.oversight.models import AssessmentScheme, IndicatorSnapshot, Ranking
from sunshine.oversight.periods import Period
from sunshine.supervision.selectors import supervised_agencies


def overseen_agencies(user: AnyUser) -> QuerySet[Agency]:
    """The agencies whose figures ``user`` reads: the subtrees of their disclosure office and
    supervisor roles (every agency for superusers)."""
    return supervised_agencies(user)


def may_oversee_any(user: AnyUser) -> bool:
    return user.is_authenticated and overseen_agencies(user).exists()


def get_overseen_agency(user: AnyUser, code: str) -> Agency:
    found = overseen_agencies(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    numerator: int
    denominator: int
    value: Decimal | None
    rule_version: int
    computed_at: datetime.datetime

    @property
    def percent(self) -> str | None:
        if self.indicator.is_count or self.value is None:
            return None
        return f"{self.value * 100:.1f}"


def figures(agencies: list[Agency], period: Period) -> dict[int, list[Figure]]:
    """Every indicator of each agency for the month, from the snapshots of the current rule
    versions; the agencies (or indicators) without one are computed and stored first."""
    ids = [a.pk for a in agencies]
    stored = _stored(ids, period)
    missing = [a for a in agencies if any((a.pk, code) not in stored for code in INDICATORS)]
    if missing:
        services.compute(period=period, agencies=missing)
        stored = _stored(ids, period)
    return {
        agency_id: [_figure(stored[(agency_id, code)]) for code in INDICATORS if (agency_id, code) in stored]
        for agency_id in ids
    }


def _stored(ids: list[int], period: Period) -> dict[tuple[int, str], IndicatorSnapshot]:
    found: dict[tuple[int, str], IndicatorSnapshot] = {}
    for snapshot in IndicatorSnapshot.objects.filter(agency_id__in=ids, period=period.first):
        indicator = INDICATORS.get(snapshot.code)
        if indicator is not None and snapshot.rule_version == indicator.rule_version:
            found[(snapshot.agency_id, snapshot.code)] = snapshot
    return found


def _figure(snapshot: IndicatorSnapshot) -> Figure:
    return Figure(
        indicator=INDICATORS[snapshot.code],
        numerator=snapshot.numerator,
        denominator=snapshot.denominator,
        value=snapshot.value,
        rule_version=snapshot.rule_version,
        computed_at=snapshot.computed_at,
    )


# --- Assessment schemes and rankings (docs/oversight.md#assessment-and-ranking) ------------------


def readable_schemes(user: AnyUser) -> QuerySet[AssessmentScheme]:
    """The latest version of every scheme whose root ``user`` oversees."""
    from django.db.models import Max

    latest = (
        AssessmentScheme.objects.filter(root__in=overseen_agencies(user).values("pk"))
        .values("code")
        .annotate(latest=Max("version"))
    )
    pairs = Q()
    for row in latest:
        pairs |= Q(code=row["code"], version=row["latest"])
    if not pairs:
        return AssessmentScheme.objects.none()
    return AssessmentScheme.objects.filter(pairs).select_related("root").order_by("code")


def get_readable_scheme(user: AnyUser, code: str) -> AssessmentScheme:
    """The latest version of scheme ``code`` when ``user`` oversees its root; 404 otherwise."""
    found = readable_schemes(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


def may_manage_schemes(user: AnyUser, root: Agency) -> bool:
    """The disclosure office of the root (or a superuser) saves schemes and publishes rankings."""
    return Role.DISCLOSURE_OFFICE in roles_in(user, root)


def scheme_roots(user: AnyUser) -> QuerySet[Agency]:
    """The agencies ``user`` may make a scheme for: those where they hold the disclosure office role
    (and the agencies below, the role's tree)."""
    return agencies_for_staff(user, roles=[Role.DISCLOSURE_OFFICE]).order_by("path")


def published_rankings() -> QuerySet[Ranking]:
    """Rankings the disclosure office published, the newest period first."""
    return (
        Ranking.objects.filter(published_at__isnull=False)
        .select_related("scheme", "scheme__root")
        .order_by("-published_at")
    )
