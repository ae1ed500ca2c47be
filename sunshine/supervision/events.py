"""The level changes the sweep recorded, for whoever forwards them (the outbox will): read them in
order after the last one already handled. No signals: the reader asks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sunshine.supervision.models import LevelChange


@dataclass(frozen=True)
class LevelChangeOut:
    id: int
    case_id: int
    agency_id: int
    clock: str  # promised | statutory
    before: str  # none | yellow | red
    after: str
    date: datetime.date


def level_changes(after_id: int = 0, limit: int = 1000) -> list[LevelChangeOut]:
    """The level changes with an id above ``after_id``, oldest first, at most ``limit``."""
    rows = LevelChange.objects.filter(id__gt=after_id).order_by("id")[:limit]
    return [LevelChangeOut(r.pk, r.case_id, r.agency_id, r.clock, r.before, r.after, r.date) for r in rows]
