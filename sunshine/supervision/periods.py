"""The period of the dashboards: ``from`` and ``to`` as given, by default the last 30 days."""

from __future__ import annotations

import datetime

DEFAULT_DAYS = 30


def period(
    start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    last = end or today
    first = start or last - datetime.timedelta(days=DEFAULT_DAYS - 1)
    return (first, last) if first <= last else (last, first)
