"""An import's report for people: a text table for the terminal, a CSV file, and the progress line."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TextIO

from django.utils.translation import gettext as _

from sunshine.core.spreadsheets import safe_cell
from sunshine.onboarding.results import Counts, Outcome, RowResult


def report_lines(results: Iterable[RowResult]) -> Iterator[tuple[str, str, str, str, str]]:
    """One line per problem (a row with none takes one line): row, key, result, column, reason."""
    for result in results:
        outcome = str(Outcome(result.outcome).label)
        if not result.problems:
            yield str(result.row), result.key, outcome, "", result.note
        for problem in result.problems:
            yield str(result.row), result.key, outcome, problem.column, problem.message


def headings() -> tuple[str, str, str, str, str]:
    return _("Row"), _("Key"), _("Result"), _("Column"), _("Reason or note")


def write_csv(results: Iterable[RowResult], stream: TextIO) -> None:
    """The report as CSV; a key or reason quoting the file that starts like a formula stays text."""
    writer = csv.writer(stream)
    writer.writerow(headings())
    writer.writerows([safe_cell(cell) for cell in line] for line in report_lines(results))


def csv_bytes(results: Iterable[RowResult]) -> bytes:
    """The report as CSV in UTF-8 with a BOM (so that a spreadsheet opens the Chinese right)."""
    buffer = io.StringIO()
    write_csv(results, buffer)
    return buffer.getvalue().encode("utf-8-sig")


def width(text: str) -> int:
    """Columns a text takes on a terminal: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(results: Iterable[RowResult]) -> str:
    lines = [headings(), *report_lines(results)]
    widths = [max(width(line[i]) for line in lines) for i in range(4)]
    out = []
    for line in lines:
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(line[:4])]
        out.append("  ".join([*cells, line[4]]).rstrip())
    return "\n".join(out)


def summary(counts: Counts, *, dry_run: bool) -> str:
    text = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(errors)s with errors.") % {
        "created": counts.created,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "errors": counts.errors,
    }
    return _("Dry run, nothing was written: %(summary)s") % {"summary": text} if dry_run else text


class ProgressLine:
    """``rows done / rows`` on one line of a terminal, rewritten in place; silent elsewhere."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.shown = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.shown:
            return
        percent = round(100 * done / total) if total else 100
        bar = "#" * (percent // 5) + "." * (20 - percent // 5)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} ({percent}%)")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
