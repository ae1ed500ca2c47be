"""Reading the rows of an import file: CSV (UTF-8 with or without BOM, else GB18030) or XLSX.

The first row names the columns. ``read_table`` checks it against the import's ``Columns`` and
refuses the whole file, naming the columns, when a required one is missing or an unknown one is
there (a misspelt column would otherwise be silently ignored). Rows are numbered as a spreadsheet
numbers them: the header is row 1; blank rows are skipped but keep their number.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sunshine.records import reading_limits

MAX_ROWS = 50_000
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class FileProblem(Exception):
    """The file as a whole cannot be imported (unreadable, wrong columns); nothing is written."""


@dataclass(frozen=True)
class Columns:
    """The columns an import reads: the ones every file must have and the ones it may have."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


@dataclass(frozen=True)
class SourceRow:
    """One row of the file: its number as the user counts and its cells by column name (stripped
    text, "" for an empty cell; a column absent from the file is absent here too)."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def has(self, column: str) -> bool:
        return column in self.cells


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # the file's columns, normalised, in the file's order
    rows: list[SourceRow]


def read_table(data: bytes, columns: Columns, *, max_rows: int = MAX_ROWS) -> Table:
    """The rows of ``data`` under a checked header (at most ``max_rows``). Raises ``FileProblem``."""
    if data.startswith(XLSX_MAGIC):
        raw = _xlsx_rows(data)
    elif data.startswith(OLE_MAGIC):
        raise FileProblem(_("Old Excel files (.xls) cannot be read: save the sheet as XLSX or CSV."))
    else:
        raw = csv.reader(io.StringIO(_decode(data)))
    return _table(raw, columns, max_rows)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise FileProblem(_("The file is neither CSV (UTF-8 or GB18030) nor XLSX.")) from exc


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    problem = reading_limits.workbook_problem(data)  # the bounds of any upload: size, depth, time
    if problem:
        raise FileProblem(problem)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(_("The XLSX file cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in values]
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _name(heading: str) -> str:
    return heading.replace("\ufeff", "").strip().lower()


def _table(raw: Iterable[list[str]], columns: Columns, max_rows: int = MAX_ROWS) -> Table:
    numbered = enumerate(raw, start=1)
    heading: list[str] = []
    for _number, values in numbered:  # the first row that is not blank names the columns
        if any(value.strip() for value in values):
            heading = values
            break
    if not heading:
        raise FileProblem(_("The file is empty: the first row must name the columns."))
    names = [_name(value) for value in heading]
    given = [name for name in names if name]
    doubled = sorted({name for name in given if given.count(name) > 1})
    missing = [name for name in columns.required if name not in given]
    unknown = [name for name in given if name not in columns.all]
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    if doubled:
        problems.append(_("columns given twice: %(columns)s") % {"columns": ", ".join(doubled)})
    if problems:
        expected = ", ".join(columns.all)
        raise FileProblem(
            _("The first row must name the columns (%(expected)s); %(problems)s.")
            % {"expected": expected, "problems": "; ".join(problems)}
        )
    rows: list[SourceRow] = []
    for number, values in numbered:
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= max_rows:
            raise FileProblem(_("At most %(n)s rows at a time: split the file.") % {"n": max_rows})
        cells = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(names) if name}
        rows.append(SourceRow(number, cells))
    return Table(tuple(given), rows)
