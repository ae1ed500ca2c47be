"""Reading a year's calendar from a CSV file (date,is_workday,note), checked row by row."""

from __future__ import annotations

import csv
import datetime
import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.workdays.days import DayTable, default_table

HEADER = ["date", "is_workday", "note"]
NOTE_MAX_LENGTH = 50
MAX_REPORTED_ERRORS = 30
TRUE_VALUES = {"1", "true", "yes", "y", "是", "班"}
FALSE_VALUES = {"0", "false", "no", "n", "否", "休"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _decode(content: bytes | str) -> str:
    if isinstance(content, str):
        return content.lstrip("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")) from exc


def _parse_date(value: str) -> datetime.date | None:
    if not ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def parse_day_csv(content: bytes | str, year: int) -> DayTable:
    """The year's table: the file's rows over the default week. ValidationError lists bad rows.

    Rows not in the file keep the default (Monday to Friday working). Nothing is returned unless
    every row is good, so an import is all or nothing.
    """
    rows = list(csv.reader(io.StringIO(_decode(content))))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header not in (HEADER, HEADER[:2]):
        raise ValidationError(_("Row 1 must be the header: date,is_workday,note."))
    errors: list[str] = []
    seen: dict[datetime.date, int] = {}
    given: DayTable = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) not in (2, 3):
            errors.append(_("Row %(row)s: give 2 or 3 columns (date, is_workday, note).") % {"row": number})
            continue
        day = _parse_date(cells[0])
        flag = cells[1].lower()
        note = cells[2] if len(cells) == 3 else ""
        if day is None:
            errors.append(
                _("Row %(row)s: “%(value)s” is not a real date as YYYY-MM-DD.")
                % {"row": number, "value": cells[0]}
            )
        elif day.year != year:
            errors.append(
                _("Row %(row)s: %(date)s is not in %(year)s.") % {"row": number, "date": day, "year": year}
            )
        elif day in seen:
            errors.append(
                _("Row %(row)s: %(date)s is given twice (first on row %(first)s).")
                % {"row": number, "date": day, "first": seen[day]}
            )
        if flag not in TRUE_VALUES | FALSE_VALUES:
            errors.append(_("Row %(row)s: is_workday must be 1 (working) or 0 (day off).") % {"row": number})
        if len(note) > NOTE_MAX_LENGTH:
            errors.append(
                _("Row %(row)s: the note is longer than %(n)s characters.")
                % {"row": number, "n": NOTE_MAX_LENGTH}
            )
        if day is not None and day.year == year and day not in seen:
            seen[day] = number
            given[day] = (flag in TRUE_VALUES, note)
    if not errors and not given:
        errors.append(_("The file has no days after the header row."))
    if errors:
        if len(errors) > MAX_REPORTED_ERRORS:
            more = len(errors) - MAX_REPORTED_ERRORS
            errors = [*errors[:MAX_REPORTED_ERRORS], _("… and %(n)s more problems.") % {"n": more}]
        raise ValidationError(errors)
    table = default_table(year)
    table.update(given)
    return table
