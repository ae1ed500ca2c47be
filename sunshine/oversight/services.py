"""Computing the oversight indicators (docs/oversight.md#computing): every indicator for many
agencies and one month, with a few grouped queries per indicator, stored as snapshots.

Idempotent: a snapshot is unique per agency, month, indicator and rule version, and recomputing
replaces the figure of the current rule version (for a closed month with the same numbers). Snapshots
of older rule versions are kept. Snapshots are derived figures, so computing writes no audit rows;
each says when it was computed (``computed_at``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.oversight.indicators import INDICATORS, Indicator
from sunshine.oversight.models import IndicatorSnapshot
from sunshine.oversight.periods import Period

BATCH = 2000


def value_of(indicator: Indicator, numerator: int, denominator: int) -> Decimal | None:
    if indicator.is_count:
        return Decimal(numerator)
    if denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))


def compute(
    *,
    period: Period,
    agencies: Iterable[Agency] | None = None,
    codes: Iterable[str] | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Compute and store the indicators (``codes``, by default all) of ``agencies`` (by default every
    agency) for ``period``; return the number of snapshots written. An agency with nothing to count
    gets its snapshot all the same (0 over 0, or a count of 0)."""
    now = now or timezone.now()
    ids = (
        list(Agency.objects.order_by("pk").values_list("pk", flat=True))
        if agencies is None
        else sorted({a.pk for a in agencies})
    )
    chosen = [INDICATORS[code] for code in (codes or INDICATORS)]
    snapshots: list[IndicatorSnapshot] = []
    for indicator in chosen:
        counts = indicator.counts(ids, period)
        for agency_id in ids:
            numerator, denominator = counts.get(agency_id, (0, 1 if indicator.is_count else 0))
            snapshots.append(
                IndicatorSnapshot(
                    agency_id=agency_id,
                    period=period.first,
                    code=indicator.code,
                    numerator=numerator,
                    denominator=denominator,
                    value=value_of(indicator, numerator, denominator),
                    rule_version=indicator.rule_version,
                    computed_at=now,
                )
            )
    with transaction.atomic():
        for indicator in chosen:
            for start in range(0, len(ids), BATCH):
                IndicatorSnapshot.objects.filter(
                    period=period.first,
                    code=indicator.code,
                    rule_version=indicator.rule_version,
                    agency_id__in=ids[start : start + BATCH],
                ).delete()
        IndicatorSnapshot.objects.bulk_create(snapshots, batch_size=BATCH)
    return len(snapshots)
