"""The 2024–2026 calendar encoded by hand from the State Council's notices, independent of chinesecalendar.

Days off are ranges of every calendar day; make-up working days are weekend days. Everything
else follows the ordinary week. Also a naive day-by-day deadline computation to check against.
"""

from __future__ import annotations

import datetime

D = datetime.date

DAYS_OFF: list[tuple[str, D, D]] = [
    ("元旦", D(2024, 1, 1), D(2024, 1, 1)),  # 2023-12-30 – 2024-01-01: only 01-01 is in 2024
    ("春节", D(2024, 2, 10), D(2024, 2, 17)),
    ("清明", D(2024, 4, 4), D(2024, 4, 6)),
    ("劳动节", D(2024, 5, 1), D(2024, 5, 5)),
    ("端午", D(2024, 6, 8), D(2024, 6, 10)),
    ("中秋", D(2024, 9, 15), D(2024, 9, 17)),
    ("国庆", D(2024, 10, 1), D(2024, 10, 7)),
    ("元旦", D(2025, 1, 1), D(2025, 1, 1)),
    ("春节", D(2025, 1, 28), D(2025, 2, 4)),
    ("清明", D(2025, 4, 4), D(2025, 4, 6)),
    ("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
    ("端午", D(2025, 5, 31), D(2025, 6, 2)),
    ("国庆+中秋", D(2025, 10, 1), D(2025, 10, 8)),
    ("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    ("春节", D(2026, 2, 15), D(2026, 2, 23)),
    ("清明", D(2026, 4, 4), D(2026, 4, 6)),
    ("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    ("端午", D(2026, 6, 19), D(2026, 6, 21)),
    ("中秋", D(2026, 9, 25), D(2026, 9, 27)),
    ("国庆", D(2026, 10, 1), D(2026, 10, 7)),
]

MAKEUP_WORKING_DAYS: list[D] = [
    *(D(2024, m, d) for m, d in [(2, 4), (2, 18), (4, 7), (4, 28), (5, 11), (9, 14), (9, 29), (10, 12)]),
    *(D(2025, m, d) for m, d in [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)]),
    *(D(2026, m, d) for m, d in [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]),
]

FIRST, LAST = D(2024, 1, 1), D(2026, 12, 31)


def _days_off() -> set[D]:
    off: set[D] = set()
    for _name, first, last in DAYS_OFF:
        day = first
        while day <= last:
            off.add(day)
            day += datetime.timedelta(days=1)
    return off


OFF = _days_off()
MAKEUP = set(MAKEUP_WORKING_DAYS)


def is_workday(day: D) -> bool:
    assert FIRST <= day <= LAST, day
    if day in MAKEUP:
        return True
    if day in OFF:
        return False
    return day.weekday() < 5


def all_days() -> list[D]:
    return [FIRST + datetime.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def table() -> dict[D, bool]:
    return {day: is_workday(day) for day in all_days()}


def naive_due_date(start: D, n: int) -> D | None:
    """Step one day at a time; None when the count runs past 2026."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if day > LAST:
            return None
        if is_workday(day):
            counted += 1
    return day
