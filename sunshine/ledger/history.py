"""Tying a step's history event to the audit row the workflow kernel wrote for it.

Every step taken through ``Workflow.perform`` writes one history event (named after the step) and one
audit row (``<workflow>.<step>``) with the object's state before and after, in that order and in the
same transaction. So the k-th event of a step on an object belongs to the k-th audit row of that
step on it. The ledger reads the state an object had on a past day from these rows: the due date a
letter had when it was answered, the due date a request had at the end of a period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sunshine.core.models import AuditEntry


@dataclass(frozen=True)
class StepEvent:
    """One history event of a step: its id, the object's primary key and the step's name."""

    id: int
    obj: int
    action: str


def audit_rows_of_steps(
    events: Iterable[StepEvent], *, object_type: str, workflow: str
) -> dict[int, AuditEntry]:
    """The audit row of each event (by the event's id); an event without one is left out."""
    ordered = sorted(events, key=lambda e: e.id)
    if not ordered:
        return {}
    rows: dict[tuple[str, str], list[AuditEntry]] = defaultdict(list)
    entries = AuditEntry.objects.filter(
        object_type=object_type,
        object_id__in={str(e.obj) for e in ordered},
        action__in={f"{workflow}.{e.action}" for e in ordered},
    ).order_by("id")
    for entry in entries:
        rows[(entry.object_id, entry.action)].append(entry)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    found: dict[int, AuditEntry] = {}
    for event in ordered:
        key = (str(event.obj), f"{workflow}.{event.action}")
        position = seen[key]
        seen[key] += 1
        if position < len(rows[key]):
            found[event.id] = rows[key][position]
    return found


def state_value(state: dict[str, Any] | None, name: str) -> Any:
    return (state or {}).get(name)
