"""Building the day table of one year. Pure Python: no Django imports.

A year's table maps every date of the year to (is_workday, note). It is built from the State
Council notice — days off (放假) and make-up working weekend days (调休上班) over the default
week (Monday to Friday working) — or taken from the ``chinesecalendar`` package for the years it
knows (2004–2026 in version 1.11). A year that is not published yet is estimated by
``provisional_table`` (docs/legal.md#provisional-years): the statutory holidays that the ``holidays``
package computes for China, with no make-up working days, which are known only from the notice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DayTable = dict[datetime.date, tuple[bool, str]]

MAKEUP_NOTE = "调休上班"

# chinesecalendar's English holiday names → the names used in the notices.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class HolidayRange:
    """Days off from ``first`` to ``last`` inclusive, e.g. 春节 2026-02-15 – 2026-02-23."""

    first: datetime.date
    last: datetime.date
    name: str


@dataclass(frozen=True)
class MakeupDay:
    """A weekend day that is a working day, e.g. 2026-02-14 (Saturday) for 春节."""

    date: datetime.date
    note: str = ""


def dates_of(year: int) -> Iterator[datetime.date]:
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


def is_weekend(day: datetime.date) -> bool:
    return day.weekday() >= 5


def default_table(year: int) -> DayTable:
    """Monday to Friday working, Saturday and Sunday not."""
    return {day: (not is_weekend(day), "") for day in dates_of(year)}


def table_from_notice(
    year: int, holidays: Iterable[HolidayRange], makeup_days: Iterable[MakeupDay]
) -> DayTable:
    """The year's table from a notice. The caller has checked the dates lie in ``year``."""
    table = default_table(year)
    for holiday in holidays:
        day = holiday.first
        while day <= holiday.last:
            table[day] = (False, holiday.name)
            day += datetime.timedelta(days=1)
    for makeup in makeup_days:
        note = makeup.note or MAKEUP_NOTE
        table[makeup.date] = (True, note if MAKEUP_NOTE in note else f"{note}{MAKEUP_NOTE}")
    return table


def is_default(day: datetime.date, is_workday: bool) -> bool:
    """Whether the day is as an ordinary week has it (weekday working, weekend not)."""
    return is_workday != is_weekend(day)


# Years the estimate is made for; a date outside them is a typing error, not a deadline.
PROVISIONAL_FIRST_YEAR, PROVISIONAL_LAST_YEAR = 2000, 2100


def provisional_table(year: int) -> DayTable | None:
    """The estimate of an unpublished year: Monday–Friday minus the statutory holidays (and the
    weekday substitutes of holidays on a weekend) of the ``holidays`` package's China calendar.

    Make-up working weekends (调休上班) are decided by the State Council each year and cannot be
    foreseen, so the estimate has none. None for years outside the range it is made for.
    """
    if not PROVISIONAL_FIRST_YEAR <= year <= PROVISIONAL_LAST_YEAR:
        return None
    import holidays

    table = default_table(year)
    for day, name in holidays.country_holidays("CN", years=year, language="zh_CN").items():
        if day.year == year:
            table[day] = (False, str(name)[:50])
    return table


def provisional_days(year: int) -> dict[datetime.date, bool] | None:
    """``provisional_table`` as the clock takes it: date → is_workday (a ``ProvisionalSource``)."""
    table = provisional_table(year)
    return None if table is None else {day: working for day, (working, _note) in table.items()}


def holidays_package_version() -> str:
    import holidays

    return str(getattr(holidays, "__version__", ""))


def table_from_chinesecalendar(year: int) -> DayTable:
    """The year's table from the ``chinesecalendar`` package; NotImplementedError for other years."""
    import chinese_calendar

    table: DayTable = {}
    for day in dates_of(year):
        is_workday = bool(chinese_calendar.is_workday(day))
        name = chinese_calendar.get_holiday_detail(day)[1]
        note = HOLIDAY_NAMES_ZH.get(name, name) if name else ""
        if note and is_workday:
            note = f"{note}{MAKEUP_NOTE}"
        table[day] = (is_workday, note)
    return table


@dataclass(frozen=True)
class Notice:
    title: str
    number: str = ""
    url: str = ""


# The State Council notices behind the years loaded from chinesecalendar
# (docs/legal.md#working-days). Numbers not verified on www.gov.cn are left empty rather than guessed.
BUILTIN_NOTICES: dict[int, Notice] = {
    2024: Notice("国务院办公厅关于2024年部分节假日安排的通知"),
    2025: Notice("国务院办公厅关于2025年部分节假日安排的通知", "国办发明电〔2024〕12号"),
    2026: Notice("国务院办公厅关于2026年部分节假日安排的通知"),
}
