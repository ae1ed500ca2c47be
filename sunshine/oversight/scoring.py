"""Scores of an assessment scheme (docs/oversight.md#scores): pure arithmetic over the figures of a
period, no database.

For each indicator of the scheme an agency's figure over the period is the sum of its monthly
numerators over the sum of its monthly denominators (a count: the sum of the counts). The indicator is
scored only when that denominator reaches the item's minimum (and is not 0); its achievement is a
share between 0 and 1:

- higher is better, a ratio: ``value / target``, full at or above the target;
- lower is better, a ratio: full at or below the target, then falling in a straight line to 0 at 100 %;
- higher is better, a count: ``count / target``, full at or above the target;
- lower is better, a count: full at or below the target, then ``target / count``.

The points of an item are its weight × achievement. The score is the points won over the weights of
the items scored, out of 100, so that an agency is not marked down for what it had nothing of; each
item's contribution is its share of that score (the contributions add up to the score).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Item:
    indicator: str
    weight: Decimal
    direction: str  # "higher" | "lower"
    target: Decimal
    minimum: int
    is_count: bool


@dataclass(frozen=True)
class Contribution:
    indicator: str
    weight: Decimal
    numerator: int
    denominator: int
    value: Decimal | None
    scored: bool
    reason: str  # "" when scored, else "no_data" or "below_minimum"
    achievement: Decimal | None
    points: Decimal
    contribution: Decimal  # the item's part of the score out of 100

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.indicator,
            "weight": str(self.weight),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": None if self.value is None else str(self.value),
            "scored": self.scored,
            "reason": self.reason,
            "achievement": None if self.achievement is None else str(self.achievement),
            "points": str(self.points),
            "contribution": str(self.contribution),
        }


@dataclass(frozen=True)
class Score:
    score: Decimal | None  # None when no item was scored
    contributions: tuple[Contribution, ...]


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def value_of(item: Item, numerator: int, denominator: int) -> Decimal | None:
    if item.is_count:
        return Decimal(numerator)
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def achievement(item: Item, value: Decimal) -> Decimal:
    """The share of the item's points earned by ``value`` (0 to 1)."""
    target = item.target
    if item.direction == "lower":
        if value <= target:
            return ONE
        if item.is_count:
            return target / value if value > 0 else ONE
        if target >= ONE:
            return ONE
        return max(ZERO, (ONE - value) / (ONE - target))
    if target <= 0:
        return ONE
    return min(ONE, value / target)


def score(items: Iterable[Item], figures: Mapping[str, tuple[int, int]]) -> Score:
    """The score of one agency from its figures over the period: ``{indicator: (numerator,
    denominator)}`` (an indicator missing from it counts as 0 over 0)."""
    parts: list[tuple[Item, int, int, Decimal | None, str, Decimal | None, Decimal]] = []
    scored_weight = ZERO
    for item in items:
        numerator, denominator = figures.get(item.indicator, (0, 0))
        value = value_of(item, numerator, denominator)
        reason = ""
        if denominator == 0 or value is None:
            reason = "no_data"
        elif denominator < item.minimum:
            reason = "below_minimum"
        share = achievement(item, value) if not reason and value is not None else None
        points = item.weight * share if share is not None else ZERO
        if not reason:
            scored_weight += item.weight
        parts.append((item, numerator, denominator, value, reason, share, points))
    contributions = tuple(
        Contribution(
            indicator=item.indicator,
            weight=item.weight,
            numerator=numerator,
            denominator=denominator,
            value=None if value is None else _q(value, "0.0001"),
            scored=not reason,
            reason=reason,
            achievement=None if share is None else _q(share, "0.0001"),
            points=_q(points),
            contribution=_q(points * HUNDRED / scored_weight) if scored_weight and not reason else ZERO,
        )
        for item, numerator, denominator, value, reason, share, points in parts
    )
    if scored_weight == 0:
        return Score(None, contributions)
    total = sum((points for *_, points in parts), ZERO)
    return Score(_q(total * HUNDRED / scored_weight), contributions)


def positions(scores: Mapping[int, Decimal]) -> dict[int, int]:
    """Ranks by score, highest first, equal scores sharing a rank (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda pair: -pair[1])
    result: dict[int, int] = {}
    previous: Decimal | None = None
    place = 0
    for index, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            place, previous = index, value
        result[key] = place
    return result
