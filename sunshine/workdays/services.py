"""Publishing a year's working-day calendar: one transaction and one audit entry each.

Superusers and administrators publish (``require_administrator``); ``by=None`` is the system
(migrations, operators' commands). A year is published whole or not at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import require_administrator
from sunshine.core import audit
from sunshine.workdays.days import (
    BUILTIN_NOTICES,
    HolidayRange,
    MakeupDay,
    dates_of,
    is_weekend,
    table_from_chinesecalendar,
    table_from_notice,
)
from sunshine.workdays.imports import NOTE_MAX_LENGTH, parse_day_csv
from sunshine.workdays.models import CalendarCheck, CalendarDay, CalendarSource, CalendarYear
from sunshine.workdays.signals import year_published

AnyUser = AbstractBaseUser | AnonymousUser
YEAR_FIELDS = ("year", "notice_title", "notice_number", "notice_url", "source")
MIN_YEAR, MAX_YEAR = 2000, 2100


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            {"year": _("Enter a year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}}
        )


def _check_table(year: int, table: Mapping[datetime.date, tuple[bool, str]]) -> None:
    expected = set(dates_of(year))
    if set(table) != expected:
        raise ValidationError(
            _("The calendar for %(year)s must give every day of the year.") % {"year": year}
        )
    if any(len(note) > NOTE_MAX_LENGTH for _workday, note in table.values()):
        raise ValidationError(_("A note may have at most %(n)s characters.") % {"n": NOTE_MAX_LENGTH})


def _state(row: CalendarYear) -> dict[str, Any]:
    """The year's notice and its non-default days, for the audit log."""
    days = [d for d in row.days.order_by("date") if not d.is_default]
    return {
        **audit.snapshot(row, YEAR_FIELDS),
        "days_off_on_weekdays": [f"{d.date.isoformat()} {d.note}".strip() for d in days if not d.is_workday],
        "working_weekend_days": [f"{d.date.isoformat()} {d.note}".strip() for d in days if d.is_workday],
    }


@transaction.atomic
def publish_year(
    *,
    by: AnyUser | None,
    year: int,
    table: Mapping[datetime.date, tuple[bool, str]],
    source: str,
    notice_title: str = "",
    notice_number: str = "",
    notice_url: str = "",
    replace: bool = False,
) -> CalendarYear:
    """Store every day of ``year`` from ``table`` (date → (is_workday, note)) with its notice.

    An existing year is refused unless ``replace`` (a corrected notice), which swaps all its days.
    """
    if by is not None:
        require_administrator(by)
    _check_year(year)
    _check_table(year, table)
    row = CalendarYear.objects.select_for_update().filter(year=year).first()
    if row is not None and not replace:
        raise ValidationError(
            {
                "year": _("The calendar for %(year)s is already published. Tick “replace” to correct it.")
                % {"year": year}
            }
        )
    before = _state(row) if row is not None else None
    if row is None:
        row = CalendarYear(year=year)
    row.notice_title, row.notice_number, row.notice_url, row.source = (
        notice_title,
        notice_number,
        notice_url,
        source,
    )
    row.full_clean(validate_unique=False)
    row.save()
    if before is not None:
        row.days.all().delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=row, date=day, is_workday=is_workday, note=note)
        for day, (is_workday, note) in sorted(table.items())
    )
    audit.record(actor=by, action="calendar.publish_year", obj=row, before=before, after=_state(row))
    # Clocks that ran on this year's estimate are confirmed or moved in this same transaction.
    year_published.send(sender=CalendarYear, year=year, by=by)
    return row


def _check_notice_days(year: int, holidays: Sequence[HolidayRange], makeup_days: Sequence[MakeupDay]) -> None:
    errors: list[str] = []
    off: set[datetime.date] = set()
    for holiday in holidays:
        if holiday.last < holiday.first:
            errors.append(_("%(name)s: the last day off is before the first.") % {"name": holiday.name})
        elif holiday.first.year != year or holiday.last.year != year:
            errors.append(
                _("%(name)s: enter only days of %(year)s; other years have calendars of their own.")
                % {"name": holiday.name, "year": year}
            )
        else:
            off.update(d for d in dates_of(year) if holiday.first <= d <= holiday.last)
    for makeup in makeup_days:
        if makeup.date.year != year:
            errors.append(_("%(date)s is not in %(year)s.") % {"date": makeup.date, "year": year})
        elif not is_weekend(makeup.date):
            errors.append(
                _("%(date)s is a weekday: a make-up working day must be a Saturday or Sunday.")
                % {"date": makeup.date}
            )
        elif makeup.date in off:
            errors.append(_("%(date)s is both a day off and a make-up working day.") % {"date": makeup.date})
    if errors:
        raise ValidationError(errors)


def enter_year(
    *,
    by: AnyUser | None,
    year: int,
    holidays: Sequence[HolidayRange],
    makeup_days: Sequence[MakeupDay],
    notice_title: str,
    notice_number: str = "",
    notice_url: str = "",
    replace: bool = False,
) -> CalendarYear:
    """Publish a year from the State Council notice: its days off and make-up working days."""
    _check_year(year)
    _check_notice_days(year, holidays, makeup_days)
    return publish_year(
        by=by,
        year=year,
        table=table_from_notice(year, holidays, makeup_days),
        source=CalendarSource.MANUAL,
        notice_title=notice_title,
        notice_number=notice_number,
        notice_url=notice_url,
        replace=replace,
    )


def import_year(
    *,
    by: AnyUser | None,
    year: int,
    content: bytes | str,
    notice_title: str,
    notice_number: str = "",
    notice_url: str = "",
    replace: bool = False,
) -> CalendarYear:
    """Publish a year from a CSV file (date,is_workday,note); a bad row changes nothing."""
    if by is not None:
        require_administrator(by)  # before reading the file: outsiders learn nothing from errors
    _check_year(year)
    return publish_year(
        by=by,
        year=year,
        table=parse_day_csv(content, year),
        source=CalendarSource.IMPORT,
        notice_title=notice_title,
        notice_number=notice_number,
        notice_url=notice_url,
        replace=replace,
    )


def load_builtin_years(*, by: AnyUser | None, years: Iterable[int] | None = None) -> list[CalendarYear]:
    """Publish the years the chinesecalendar package knows (2024–2026), skipping stored ones."""
    loaded = []
    for year in years if years is not None else BUILTIN_NOTICES:
        if CalendarYear.objects.filter(year=year).exists():
            continue
        notice = BUILTIN_NOTICES.get(year)
        loaded.append(
            publish_year(
                by=by,
                year=year,
                table=table_from_chinesecalendar(year),
                source=CalendarSource.CHINESECALENDAR,
                notice_title=notice.title if notice else f"国务院办公厅关于{year}年部分节假日安排的通知",
                notice_number=notice.number if notice else "",
                notice_url=notice.url if notice else "",
            )
        )
    return loaded


def package_years(first: int, last: int) -> list[int]:
    """The years from ``first`` to ``last`` that the chinesecalendar package knows (it knows whole
    years, and answers NotImplementedError for the others)."""
    import chinese_calendar

    found = []
    for year in range(first, last + 1):
        try:
            chinese_calendar.is_workday(datetime.date(year, 12, 31))
        except NotImplementedError:
            continue
        found.append(year)
    return found


def check_calendar(*, today: datetime.date, by: AnyUser | None = None) -> CalendarCheck:
    """Look for newly published years and load them: the daily ``check_calendar`` command.

    A newer chinesecalendar package brings next year's calendar soon after the State Council's
    notice; each year it knows from this year on and that is not stored yet is published, which
    confirms or moves every provisional date that depended on it. The check itself is recorded, so
    the calendar pages can say when provisional years were last checked.
    """
    if by is not None:
        require_administrator(by)
    with transaction.atomic():
        stored = set(CalendarYear.objects.values_list("year", flat=True))
        wanted = [y for y in package_years(today.year, today.year + 1) if y not in stored]
        loaded = load_builtin_years(by=by, years=wanted)
        check = CalendarCheck.objects.create(
            package_version=_chinesecalendar_version(), years_loaded=[row.year for row in loaded]
        )
        audit.record(
            actor=by,
            action="calendar.check",
            obj=check,
            after={"years_loaded": check.years_loaded, "package_version": check.package_version},
        )
    return check


def _chinesecalendar_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinesecalendar")
    except PackageNotFoundError:
        return ""
