"""How many due dates per second the pure clock computes, against a naive day-by-day loop.

    .venv/bin/python -m bench.clock_bench [pairs]

The calendar is built straight from the chinesecalendar package (no database).
"""

from __future__ import annotations

import datetime
import random
import sys
import time

import chinese_calendar

from sunshine.workdays.clock import WorkCalendar, add_working_days
from sunshine.workdays.days import table_from_chinesecalendar

SEED = 20260921
FIRST, LAST = datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)
BASELINE_SHARE = 100  # the naive loop runs on 1/100 of the pairs (at least 1,000)


def build_calendar() -> WorkCalendar:
    days: dict[datetime.date, bool] = {}
    for year in (2024, 2025, 2026):
        days.update({day: working for day, (working, _note) in table_from_chinesecalendar(year).items()})
    return WorkCalendar(days)


def random_pairs(n: int, seed: int = SEED) -> list[tuple[datetime.date, int]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [(FIRST + datetime.timedelta(days=rng.randint(0, span)), rng.randint(1, 40)) for _ in range(n)]


def naive_due_date(start: datetime.date, n: int) -> datetime.date:
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def run(n: int = 1_000_000) -> dict[str, float | int]:
    calendar = build_calendar()
    pairs = random_pairs(n)
    began = time.perf_counter()
    results = [add_working_days(start, days, calendar) for start, days in pairs]
    seconds = time.perf_counter() - began

    sample = pairs[: max(1_000, n // BASELINE_SHARE)]
    began = time.perf_counter()
    baseline = [naive_due_date(start, days) for start, days in sample]
    baseline_seconds = time.perf_counter() - began
    if baseline != results[: len(sample)]:
        raise AssertionError("the clock and the naive loop disagree")

    per_second = n / seconds
    baseline_per_second = len(sample) / baseline_seconds
    return {
        "pairs": n,
        "seconds": round(seconds, 3),
        "due_dates_per_second": round(per_second),
        "baseline_pairs": len(sample),
        "baseline_per_second": round(baseline_per_second),
        "ratio_vs_baseline": round(per_second / baseline_per_second, 1),
    }


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
