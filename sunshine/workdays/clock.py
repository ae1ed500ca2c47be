"""Working-day arithmetic over a published calendar. Pure Python: no Django imports.

Legal basis (see docs/legal.md#working-days; the figures live in each domain's ``law.py``):

- 政府信息公开条例 Art. 33: reply within 20 working days of receipt, one extension of at most
  20 working days; time spent consulting third parties or other agencies is not counted.
- 条例 Art. 26: proactive disclosure within 20 working days of the information being made or changed.
- 条例 Art. 30: a correction notice within 7 working days; the reply clock restarts on the day the
  corrected application arrives (a new ``Clock`` with that day as ``start``).
- 条例 Art. 31: the day of receipt is the ``start``; the period runs from the day after it.
- 条例 Art. 32 / 34: third parties and co-producing agencies have 15 working days to answer;
  that time is a pause of the reply clock.
- 行政许可法 Art. 32, 42: acceptance notice within 5 days, decision within 20 days (+10 with approval).
- 行政许可法 Art. 45: hearings, testing, appraisal, expert review … are not counted (a pause).
- 行政许可法 Art. 82: all these periods are working days, excluding statutory holidays.

A working day is Monday to Friday, minus the State Council's days off, plus the make-up working
weekend days (调休上班) — which is why the calendar is data, published year by year. A computation
that needs a day of a year not published yet never refuses: a ``WorkCalendar`` given a
``provisional`` source adds that year as an estimate (weekdays minus the statutory holidays) and
remembers it in ``provisional_years``, so callers can mark every date that depends on it as
provisional (暂定) until the year is published. ``CalendarNotPublished`` is raised only by a
calendar without such a source, or for a year outside what the source can estimate.
"""

from __future__ import annotations

import datetime
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

PauseSpan = tuple[datetime.date, datetime.date | None]

# Generic defaults, the figures of 条例 Art. 33 (docs/legal.md#reply-period, docs/legal.md#extension);
# callers pass their own from their law.py (this module imports no domain app). 行政许可法 Art. 42: +10.
DEFAULT_LIMIT = 20
DEFAULT_MAX_EXTENSION = 20


class CalendarNotPublished(Exception):
    """A computation needs a day of ``year``, whose working-day calendar is not published."""

    def __init__(self, year: int) -> None:
        super().__init__(f"the working-day calendar for {year} has not been published")
        self.year = year


def _year_bounds(year: int) -> tuple[int, int]:
    return datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal()


DayPairs = Mapping[datetime.date, bool] | Iterable[tuple[datetime.date, bool]]
# The estimate of a year with no published calendar: (date, is_workday) for each of its days, or
# None when the year cannot be estimated.
ProvisionalSource = Callable[[int], DayPairs | None]


@dataclass(frozen=True)
class _Table:
    """One consistent state of a calendar: replaced whole, so readers never see half an update."""

    years: frozenset[int]
    provisional_years: frozenset[int]
    work: list[int]  # ordinals of the working days, sorted
    runs: list[tuple[int, int]]  # runs of consecutive known years, as (first ordinal, last ordinal)
    run_ends: list[int]


def _table(days: dict[int, bool], provisional_years: frozenset[int]) -> _Table:
    years = sorted({datetime.date.fromordinal(o).year for o in days})
    for year in years:
        first, last = _year_bounds(year)
        if any(o not in days for o in range(first, last + 1)):
            raise ValueError(f"the calendar for {year} does not give every day of the year")
    runs: list[tuple[int, int]] = []
    for year in years:
        first, last = _year_bounds(year)
        if runs and runs[-1][1] + 1 == first:
            runs[-1] = (runs[-1][0], last)
        else:
            runs.append((first, last))
    return _Table(
        years=frozenset(years),
        provisional_years=provisional_years,
        work=sorted(o for o, working in days.items() if working),
        runs=runs,
        run_ends=[end for _, end in runs],
    )


def _pairs(days: DayPairs) -> Iterable[tuple[datetime.date, bool]]:
    return days.items() if isinstance(days, Mapping) else days


class WorkCalendar:
    """Working days of the known years, as a sorted array of ordinals searched by bisection.

    Built from (date, is_workday) pairs covering whole published years. With a ``provisional``
    source, a computation that needs a day of another year adds that year's estimate first (once;
    thread-safe) and the year is listed in ``provisional_years``; without one, such a computation
    raises ``CalendarNotPublished``.
    """

    __slots__ = ("_days", "_lock", "_provisional", "_t")

    def __init__(self, days: DayPairs, provisional: ProvisionalSource | None = None) -> None:
        self._days: dict[int, bool] = {day.toordinal(): bool(working) for day, working in _pairs(days)}
        self._provisional = provisional
        self._lock = threading.Lock()
        self._t = _table(self._days, frozenset())

    def __repr__(self) -> str:
        return f"WorkCalendar(years={sorted(self.years)}, provisional={sorted(self.provisional_years)})"

    @property
    def years(self) -> frozenset[int]:
        """Every year the calendar knows: published and provisional."""
        return self._t.years

    @property
    def provisional_years(self) -> frozenset[int]:
        """The years known only as an estimate, added on demand."""
        return self._t.provisional_years

    @property
    def published_years(self) -> frozenset[int]:
        t = self._t
        return t.years - t.provisional_years

    def covers(self, day: datetime.date) -> bool:
        return day.year in self._t.years

    def is_provisional(self, day: datetime.date) -> bool:
        """Whether ``day`` lies in a year known only as an estimate."""
        return day.year in self._t.provisional_years

    def provisional_years_in(self, a: datetime.date, b: datetime.date) -> list[int]:
        """The provisional years of the days from ``a`` to ``b`` (either order), in order."""
        low, high = (a, b) if a <= b else (b, a)
        provisional = self._t.provisional_years
        return [year for year in range(low.year, high.year + 1) if year in provisional]

    def touches_provisional(self, a: datetime.date, b: datetime.date) -> bool:
        """Whether any day from ``a`` to ``b`` (either order) lies in a provisional year."""
        return bool(self.provisional_years_in(a, b))

    def _add_year(self, year: int) -> None:
        """Add the estimate of ``year``; CalendarNotPublished when there is none to be had."""
        with self._lock:
            if year in self._t.years:
                return
            estimate = self._provisional(year) if self._provisional is not None else None
            if estimate is None:
                raise CalendarNotPublished(year)
            days = dict(self._days)
            for day, working in _pairs(estimate):
                if day.year != year:
                    raise ValueError(f"the estimate of {year} gives a day of another year: {day}")
                days[day.toordinal()] = bool(working)
            table = _table(days, self._t.provisional_years | {year})
            self._days, self._t = days, table

    def _run_of(self, ordinal: int) -> tuple[_Table, tuple[int, int]]:
        """The state and the run of known years holding ``ordinal``, adding an estimate if needed."""
        while True:
            t = self._t
            i = bisect_right(t.run_ends, ordinal - 1)  # first run whose end >= ordinal
            if i < len(t.runs) and t.runs[i][0] <= ordinal:
                return t, t.runs[i]
            self._add_year(datetime.date.fromordinal(ordinal).year)

    def is_workday(self, day: datetime.date) -> bool:
        ordinal = day.toordinal()
        t, _run = self._run_of(ordinal)
        i = bisect_right(t.work, ordinal)
        return i > 0 and t.work[i - 1] == ordinal

    def nth_after(self, start: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted); O(log n)."""
        if n < 0:
            raise ValueError("n must not be negative")
        ordinal = start.toordinal()
        t = self._t  # the fast path: a period inside the known years, no estimate to add
        i = bisect_right(t.run_ends, ordinal - 1)
        if i < len(t.runs) and t.runs[i][0] <= ordinal:
            if n == 0:
                return start
            index = bisect_right(t.work, ordinal) + n - 1
            if index < len(t.work) and t.work[index] <= t.runs[i][1]:
                return datetime.date.fromordinal(t.work[index])
        while True:
            t, (_, run_end) = self._run_of(ordinal)
            if n == 0:
                return start
            index = bisect_right(t.work, ordinal) + n - 1
            if index < len(t.work) and t.work[index] <= run_end:
                return datetime.date.fromordinal(t.work[index])
            self._add_year(datetime.date.fromordinal(run_end).year + 1)

    def count(self, a: datetime.date, b: datetime.date) -> int:
        """Working days in (a, b]; negative (minus the count in (b, a]) when b is before a."""
        if b < a:
            return -self.count(b, a)
        lo, hi = a.toordinal(), b.toordinal()
        t = self._t  # the fast path: both ends inside one run of known years
        i = bisect_right(t.run_ends, lo - 1)
        if i < len(t.runs) and t.runs[i][0] <= lo and hi <= t.runs[i][1]:
            return bisect_right(t.work, hi) - bisect_right(t.work, lo)
        while True:
            t, (_, run_end) = self._run_of(lo)
            if hi <= run_end:
                return bisect_right(t.work, hi) - bisect_right(t.work, lo)
            self._add_year(datetime.date.fromordinal(run_end).year + 1)


def add_working_days(start: datetime.date, n: int, calendar: WorkCalendar) -> datetime.date:
    """The ``n``-th working day after ``start``.

    条例 Art. 31/33: the period runs "自收到申请之日起", and the day of receipt itself is not
    counted; 行政许可法 Art. 82: counted in working days, statutory holidays excluded.
    """
    return calendar.nth_after(start, n)


@dataclass(frozen=True)
class Deadline:
    """The last day of a period, and whether it rests on a provisional year
    (docs/legal.md#provisional-years)."""

    date: datetime.date
    provisional: bool


def deadline(start: datetime.date, n: int, calendar: WorkCalendar) -> Deadline:
    """``add_working_days`` with the mark every stored or shown date needs."""
    due = calendar.nth_after(start, n)  # first: it may add the estimate of a year
    return Deadline(due, calendar.touches_provisional(start, due))


def working_days_between(a: datetime.date, b: datetime.date, calendar: WorkCalendar) -> int:
    """Working days in (a, b] — the days of a period that have run by the end of day ``b``."""
    return calendar.count(a, b)


class ClockState(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"


@dataclass(frozen=True)
class ClockStatus:
    due_date: datetime.date | None
    elapsed: int
    remaining: int
    state: ClockState


def _merged_pauses(start: datetime.date, pauses: Sequence[PauseSpan]) -> list[PauseSpan]:
    """Pauses as disjoint half-open spans (begin, end], sorted, clipped to after ``start``."""
    clipped = ((max(begin, start), end) for begin, end in pauses)
    spans = sorted(((b, e) for b, e in clipped if e is None or e > b), key=lambda span: span[0])
    merged: list[PauseSpan] = []
    for begin, end in spans:
        if merged:
            last_begin, last_end = merged[-1]
            if last_end is None:
                break  # an open pause swallows everything after it
            if begin <= last_end:
                merged[-1] = (last_begin, None if end is None else max(end, last_end))
                continue
        merged.append((begin, end))
    return merged


@dataclass(frozen=True)
class Clock:
    """A working-day deadline with pauses and extensions.

    ``start`` is the day of receipt (条例 Art. 31), not counted. ``limit`` is the period in working
    days (条例 Art. 33: 20). ``pauses`` are (begin, end) spans; the working days after ``begin`` up to
    and including ``end`` are not counted (条例 Art. 32/33/34 consultation, 行政许可法 Art. 45
    special procedures); ``end`` None means the pause is still open. ``extensions`` are working
    days added with approval, at most ``max_extension`` in all (条例 Art. 33: 20; 行政许可法
    Art. 42: 10).
    """

    start: datetime.date
    limit: int = DEFAULT_LIMIT
    pauses: Sequence[PauseSpan] = field(default_factory=tuple)
    extensions: Sequence[int] = field(default_factory=tuple)
    max_extension: int = DEFAULT_MAX_EXTENSION

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError("the limit must be at least one working day")
        if any(days < 1 for days in self.extensions):
            raise ValueError("an extension must be at least one working day")
        if sum(self.extensions) > self.max_extension:  # 条例 Art. 33: 最长不得超过20个工作日
            raise ValueError(f"extensions exceed {self.max_extension} working days")
        for begin, end in self.pauses:
            if end is not None and end < begin:
                raise ValueError("a pause cannot end before it begins")

    @property
    def total(self) -> int:
        """Working days allowed: the limit plus the extensions granted."""
        return self.limit + sum(self.extensions)

    @property
    def is_paused(self) -> bool:
        return any(end is None for _, end in self.pauses)

    def due_date(self, calendar: WorkCalendar) -> datetime.date | None:
        """The last day of the period; None while a pause that began before it is still open."""
        cursor, remaining = self.start, self.total
        for begin, end in _merged_pauses(self.start, self.pauses):
            candidate = calendar.nth_after(cursor, remaining)
            if candidate <= begin:
                return candidate  # due before this pause began: it changes nothing
            remaining -= calendar.count(cursor, begin)
            if end is None:
                return None
            cursor = end
        return calendar.nth_after(cursor, remaining)

    def elapsed(self, today: datetime.date, calendar: WorkCalendar) -> int:
        """Counted working days in (start, today], leaving out the paused ones."""
        if today <= self.start:
            return 0
        counted = calendar.count(self.start, today)
        for begin, end in _merged_pauses(self.start, self.pauses):
            if begin >= today:
                break
            stop = today if end is None else min(end, today)
            counted -= calendar.count(begin, stop)
        return counted

    def remaining(self, today: datetime.date, calendar: WorkCalendar) -> int:
        return self.total - self.elapsed(today, calendar)

    def status(self, today: datetime.date, calendar: WorkCalendar, *, due_soon: int) -> ClockStatus:
        """Due date, elapsed and remaining working days as of ``today``, and the state.

        ``due_soon`` is the warning threshold in working days (settings.SUNSHINE_DUE_SOON_WORKING_DAYS,
        passed in because this module is pure): the yellow warning of electronic supervision.
        """
        due = self.due_date(calendar)
        elapsed = self.elapsed(today, calendar)
        remaining = self.total - elapsed
        if due is None:
            state = ClockState.PAUSED
        elif today > due:
            state = ClockState.OVERDUE
        elif remaining <= due_soon:
            state = ClockState.DUE_SOON
        else:
            state = ClockState.ON_TIME
        return ClockStatus(due_date=due, elapsed=elapsed, remaining=remaining, state=state)
