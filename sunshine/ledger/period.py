"""The period of a ledger: ``from`` and ``to`` as given (swapped when reversed); by default the
current month up to today."""

from __future__ import annotations

import datetime


def ledger_period(
    start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    last = end or today
    first = start or last.replace(day=1)
    return (first, last) if first <= last else (last, first)


def parse_day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
