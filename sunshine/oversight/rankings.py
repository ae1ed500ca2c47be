"""Assessment schemes and rankings (docs/oversight.md#assessment-and-ranking): saving a scheme as a new
version, computing a ranking of a period from the stored indicator snapshots, and publishing it.

A ranking is derived from the snapshots, so computing one writes no audit row; saving a scheme and
publishing a ranking do. A published ranking is frozen: it is never recomputed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.oversight import scoring, services
from sunshine.oversight.indicators import INDICATORS
from sunshine.oversight.models import (
    AssessmentScheme,
    Direction,
    EntryStatus,
    IndicatorSnapshot,
    Ranking,
    RankingEntry,
    SchemeItem,
    SchemeScope,
)
from sunshine.oversight.periods import Period, Span, current_period, period_of, span_is_open

SCHEME_FIELDS = ("code", "version", "name", "root", "scope", "effective_from", "newcomer_months", "notes")


@dataclass(frozen=True)
class ItemInput:
    indicator: str
    weight: Decimal
    direction: str
    target: Decimal
    minimum: int = 0


# --- Schemes -------------------------------------------------------------------------------------


def _check_items(items: Sequence[ItemInput]) -> None:
    errors: list[str] = []
    seen: set[str] = set()
    for item in items:
        if item.indicator not in INDICATORS:
            errors.append(_("Unknown indicator: %(code)s.") % {"code": item.indicator})
        if item.indicator in seen:
            errors.append(_("The indicator %(code)s is listed twice.") % {"code": item.indicator})
        seen.add(item.indicator)
        if item.weight <= 0:
            errors.append(_("The points of %(code)s must be more than 0.") % {"code": item.indicator})
        if item.direction not in Direction.values:
            errors.append(_("Unknown direction for %(code)s.") % {"code": item.indicator})
        if item.target < 0:
            errors.append(_("The target of %(code)s cannot be negative.") % {"code": item.indicator})
        indicator = INDICATORS.get(item.indicator)
        if indicator is not None and not indicator.is_count and item.target > 1:
            errors.append(
                _("The target of %(code)s is a share: give it between 0 and 1.") % {"code": item.indicator}
            )
    if not items:
        errors.append(_("A scheme needs at least one indicator with points."))
    if errors:
        raise ValidationError({"items": errors})


@transaction.atomic
def save_scheme(
    *,
    by: AnyUser | None,
    code: str,
    name: str,
    root: Agency,
    scope: str,
    effective_from: datetime.date,
    newcomer_months: int,
    items: Sequence[ItemInput],
    notes: str = "",
) -> AssessmentScheme:
    """Save a scheme as a new version (the first one when ``code`` is new); earlier versions and the
    rankings they made stay as they were. ``effective_from`` is taken as its month."""
    _check_items(items)
    if scope not in SchemeScope.values:
        raise ValidationError({"scope": _("Choose which agencies are ranked.")})
    latest = AssessmentScheme.objects.select_for_update().filter(code=code).order_by("-version").first()
    scheme = AssessmentScheme(
        code=code,
        version=(latest.version + 1) if latest else 1,
        name=name,
        root=root,
        scope=scope,
        effective_from=effective_from.replace(day=1),
        newcomer_months=newcomer_months,
        notes=notes,
        created_at=timezone.now(),
        created_by=person_or_none(by),
    )
    scheme.full_clean()
    scheme.save()
    SchemeItem.objects.bulk_create(
        SchemeItem(
            scheme=scheme,
            indicator=item.indicator,
            weight=item.weight,
            direction=item.direction,
            target=item.target,
            minimum=item.minimum,
        )
        for item in items
    )
    after = audit.snapshot(scheme, SCHEME_FIELDS)
    after["items"] = [
        {
            "indicator": i.indicator,
            "weight": str(i.weight),
            "direction": i.direction,
            "target": str(i.target),
            "minimum": i.minimum,
        }
        for i in items
    ]
    audit.record(
        actor=by,
        action="oversight.scheme_version" if latest else "oversight.scheme_create",
        obj=scheme,
        before=audit.snapshot(latest, SCHEME_FIELDS) if latest else None,
        after=after,
        agency=root,
    )
    return scheme


def scheme_in_force(code: str, span: Span) -> AssessmentScheme | None:
    """The version of scheme ``code`` that applies to ``span``: the latest one applying from the
    span's first month or earlier."""
    return (
        AssessmentScheme.objects.filter(code=code, effective_from__lte=span.first)
        .select_related("root")
        .order_by("-version")
        .first()
    )


def ranked_agencies(scheme: AssessmentScheme) -> QuerySet[Agency]:
    """The active agencies a scheme ranks: below its root (the root itself apart)."""
    agencies = Agency.objects.filter(is_active=True).exclude(pk=scheme.root_id)
    if scheme.scope == SchemeScope.CHILDREN:
        return agencies.filter(parent_id=scheme.root_id)
    return agencies.filter(path__startswith=scheme.root.path)


def ranked_from(agency: Agency, scheme: AssessmentScheme) -> datetime.date:
    """The first month an agency is ranked: ``newcomer_months`` after the month it was added."""
    added = period_of(timezone.localdate(agency.created_at)).first
    month = added.month - 1 + scheme.newcomer_months
    return datetime.date(added.year + month // 12, month % 12 + 1, 1)


# --- Computing ----------------------------------------------------------------------------------


def _begun(span: Span) -> list[Period]:
    running = current_period().first
    return [month for month in span.months if month.first <= running]


def _ensure_snapshots(ids: list[int], months: list[Period], codes: list[str]) -> None:
    """Compute the snapshots (current rule versions) that are missing for these agencies and months."""
    wanted = {(code, INDICATORS[code].rule_version) for code in codes}
    for month in months:
        have: dict[int, int] = defaultdict(int)
        rows = (
            IndicatorSnapshot.objects.filter(period=month.first, code__in=codes)
            .values_list("agency_id", "code", "rule_version")
            .iterator(chunk_size=5000)
        )
        for agency_id, code, version in rows:
            if (code, version) in wanted:
                have[agency_id] += 1
        missing = [pk for pk in ids if have.get(pk, 0) < len(wanted)]
        if missing:
            services.compute(period=month, agencies=Agency.objects.filter(pk__in=missing), codes=codes)


def _figures(ids: list[int], months: list[Period], codes: list[str]) -> dict[int, dict[str, tuple[int, int]]]:
    wanted = {code: INDICATORS[code].rule_version for code in codes}
    totals: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    idset = set(ids)
    rows = (
        IndicatorSnapshot.objects.filter(period__in=[m.first for m in months], code__in=codes)
        .values_list("agency_id", "code", "rule_version", "numerator", "denominator")
        .iterator(chunk_size=5000)
    )
    for agency_id, code, version, numerator, denominator in rows:
        if agency_id in idset and wanted.get(code) == version:
            pair = totals[agency_id][code]
            pair[0] += numerator
            pair[1] += denominator
    return {pk: {code: (pair[0], pair[1]) for code, pair in found.items()} for pk, found in totals.items()}


def scoring_items(scheme: AssessmentScheme) -> list[scoring.Item]:
    return [
        scoring.Item(
            indicator=item.indicator,
            weight=item.weight,
            direction=item.direction,
            target=item.target,
            minimum=item.minimum,
            is_count=INDICATORS[item.indicator].is_count if item.indicator in INDICATORS else False,
        )
        for item in scheme.items.all()
        if item.indicator in INDICATORS
    ]


def compute_ranking(scheme: AssessmentScheme, span: Span, *, now: datetime.datetime | None = None) -> Ranking:
    """Compute (or recompute) the ranking of ``scheme`` for ``span`` from the snapshots, computing the
    missing snapshots of the months begun first. A published ranking is returned as it is."""
    now = now or timezone.now()
    existing = Ranking.objects.filter(scheme=scheme, period=span.label).first()
    if existing is not None and existing.published_at is not None:
        return existing
    agencies = list(ranked_agencies(scheme).order_by("path"))
    ids = [a.pk for a in agencies]
    items = scoring_items(scheme)
    codes = [item.indicator for item in items]
    months = _begun(span)
    _ensure_snapshots(ids, months, codes)
    figures = _figures(ids, months, codes)
    results: dict[int, scoring.Score] = {pk: scoring.score(items, figures.get(pk, {})) for pk in ids}
    statuses: dict[int, str] = {}
    for agency in agencies:
        if ranked_from(agency, scheme) > span.first:
            statuses[agency.pk] = EntryStatus.NEWCOMER
        elif results[agency.pk].score is None:
            statuses[agency.pk] = EntryStatus.NOT_SCORED
        else:
            statuses[agency.pk] = EntryStatus.RANKED
    places = scoring.positions(
        {
            pk: result.score
            for pk, result in results.items()
            if statuses[pk] == EntryStatus.RANKED and result.score is not None
        }
    )
    with transaction.atomic():
        if existing is None:
            ranking = Ranking.objects.create(scheme=scheme, period=span.label, computed_at=now)
        else:
            ranking = existing
            ranking.computed_at = now
            ranking.save(update_fields=["computed_at"])
            ranking.entries.all().delete()
        RankingEntry.objects.bulk_create(
            (
                RankingEntry(
                    ranking=ranking,
                    agency_id=pk,
                    position=places.get(pk),
                    score=results[pk].score,
                    status=statuses[pk],
                    contributions=[c.as_json() for c in results[pk].contributions],
                )
                for pk in ids
            ),
            batch_size=1000,
        )
    return ranking


def is_stale(ranking: Ranking, span: Span) -> bool:
    """True when an unpublished ranking no longer shows what the snapshots say: a snapshot of its
    months was computed after it, a month of the span has begun since, or the agencies ranked
    changed."""
    if ranking.published_at is not None:
        return False
    covered = period_of(timezone.localdate(ranking.computed_at)).first
    if any(covered < month.first for month in _begun(span)):
        return True
    newest = IndicatorSnapshot.objects.filter(period__in=[m.first for m in span.months]).aggregate(
        newest=Max("computed_at")
    )["newest"]
    if newest is not None and newest > ranking.computed_at:
        return True
    ranked = set(ranked_agencies(ranking.scheme).values_list("pk", flat=True))
    return ranked != set(ranking.entries.values_list("agency_id", flat=True))


def current_ranking(scheme: AssessmentScheme, span: Span) -> Ranking:
    """The stored ranking of ``scheme`` for ``span``, computed first when there is none or it is
    stale (never when it is published)."""
    found = Ranking.objects.filter(scheme=scheme, period=span.label).select_related("scheme").first()
    if found is not None and not is_stale(found, span):
        return found
    return compute_ranking(scheme, span)


@transaction.atomic
def publish_ranking(ranking: Ranking, *, by: AnyUser) -> Ranking:
    """Publish a ranking as it stands (it is frozen from now on)."""
    ranking = Ranking.objects.select_for_update().select_related("scheme").get(pk=ranking.pk)
    if ranking.published_at is not None:
        raise ValidationError(_("This ranking is already published."))
    ranking.published_at = timezone.now()
    ranking.published_by = person_or_none(by)
    ranking.save(update_fields=["published_at", "published_by"])
    audit.record(
        actor=by,
        action="oversight.ranking_publish",
        obj=ranking,
        after={
            "scheme": ranking.scheme.code,
            "version": ranking.scheme.version,
            "period": ranking.period,
            "computed_at": audit.json_value(ranking.computed_at),
        },
        agency=ranking.scheme.root,
    )
    return ranking


def entries_of(ranking: Ranking) -> QuerySet[RankingEntry]:
    """The lines of a ranking: ranked agencies by rank, then the others by their place in the tree."""

    return ranking.entries.select_related("agency").order_by(
        F("position").asc(nulls_last=True), "agency__path"
    )


def recompute_all(span: Span, schemes: Iterable[AssessmentScheme] | None = None) -> int:
    """Recompute the unpublished rankings of ``span`` of every scheme in force (for the nightly
    command); return how many were computed."""
    done = 0
    codes = (
        {s.code for s in schemes}
        if schemes is not None
        else set(AssessmentScheme.objects.values_list("code", flat=True))
    )
    for code in sorted(codes):
        scheme = scheme_in_force(code, span)
        if scheme is not None and span_is_open(span):
            compute_ranking(scheme, span)
            done += 1
    return done
