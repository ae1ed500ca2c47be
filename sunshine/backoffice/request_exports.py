"""The queue as a file: CSV (UTF-8 with BOM, for Excel) streamed row by row, and XLSX written in
openpyxl's write-only mode. Both hold applicants' names: only staff reach them, and every export
is written to the audit log."""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import memberships_of
from sunshine.backoffice.request_display import STATE_LABELS, QueueRow, person_name, queue_rows
from sunshine.core import audit
from sunshine.inforequests.codes import ApplicantKind, Channel, Outcome, Status
from sunshine.inforequests.models import InfoRequest
from sunshine.workdays.clock import WorkCalendar

CHUNK = 2000  # rows fetched from the database at a time
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet would run as a formula
# Control characters are not allowed in XLSX cells (openpyxl raises on them).
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Labels:
    """Translated labels, resolved while the request's language is active (streams run later)."""

    header: list[str]
    status: dict[str, str]
    outcome: dict[str, str]
    channel: dict[str, str]
    kind: dict[str, str]
    state: dict[str, str]

    @classmethod
    def now(cls) -> Labels:
        def labels(choices: Any) -> dict[str, str]:
            return {value: str(label) for value, label in choices.choices}

        return cls(
            header=[
                _("Tracking code"),
                _("Agency code"),
                _("Agency"),
                _("Channel"),
                _("Applicant"),
                _("Type of applicant"),
                _("Name of the information"),
                _("Description of the information"),
                _("Status"),
                _("Outcome"),
                _("Received on"),
                _("Due date"),
                _("Working days left"),
                _("Clock"),
                _("Assigned officer"),
            ],
            status=labels(Status),
            outcome=labels(Outcome),
            channel=labels(Channel),
            kind=labels(ApplicantKind),
            state={key: str(label) for key, label in STATE_LABELS.items()},
        )


def row_values(row: QueueRow, labels: Labels) -> list[Any]:
    r = row.request
    return [
        r.tracking_code,
        r.agency.code,
        r.agency.name,
        labels.channel.get(r.channel, r.channel),
        r.applicant_name,
        labels.kind.get(r.applicant_kind, r.applicant_kind),
        r.title,
        r.description,
        labels.status.get(r.status, r.status),
        labels.outcome.get(r.outcome, r.outcome),
        r.received_on,
        r.due_date,
        row.remaining,
        labels.state.get(row.state, row.state),
        person_name(r.assigned_to),
    ]


def export_rows(
    requests: QuerySet[InfoRequest], today: datetime.date, calendar: WorkCalendar, labels: Labels
) -> Iterator[list[Any]]:
    """The rows of the export, read from the database in chunks, never all at once."""
    iterator = requests.select_related("agency", "assigned_to").iterator(chunk_size=CHUNK)
    for row in queue_rows(iterator, today, calendar):
        yield row_values(row, labels)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # shown as text, never run as a formula
    return str(value)


class _Echo:
    """A file-like object whose write returns the line: csv.writer then yields it to the stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the byte-order mark makes Excel read the file as UTF-8 (Chinese names)
    yield writer.writerow(header)
    for values in rows:
        yield writer.writerow([_csv_text(v) for v in values])


def write_xlsx(header: list[str], rows: Iterable[list[Any]], *, title: str) -> IO[bytes]:
    """The workbook in a temporary file (spooled to disk past 16 MB), positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for letter, width in zip(
        "ABCDEFGHIJKLMNO", (16, 14, 24, 10, 14, 14, 30, 40, 12, 20, 12, 12, 8, 10, 14), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append(header)

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            text = WriteOnlyCell(sheet, value=ILLEGAL_XML.sub("", value))
            text.data_type = "s"  # a text starting with "=" stays text, not a formula
            return text
        if isinstance(value, datetime.date):
            day = WriteOnlyCell(sheet, value=datetime.datetime.combine(value, datetime.time()))
            day.number_format = "yyyy-mm-dd"
            return day
        return value

    for values in rows:
        sheet.append([cell(v) for v in values])
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def record_export(
    *,
    by: AbstractBaseUser | AnonymousUser,
    file_format: str,
    filters: dict[str, Any],
    rows: int,
    agency: Agency | None,
) -> None:
    """Write the export to the audit log: who took which list, in which format, how many rows.

    The entry is filed under the filtered agency, else the highest agency the person works for,
    so that the supervisors of that agency read it.
    """
    if agency is None:
        first = memberships_of(by).order_by("agency__path").first()
        agency = first.agency if first is not None else None
    obj: Model = agency if agency is not None else by  # type: ignore[assignment]  # a user is a Model
    audit.record(
        actor=by,
        action="inforequest.export",
        obj=obj,
        after={
            "format": file_format,
            "filters": {k: audit.json_value(v) for k, v in filters.items() if v not in (None, "")},
            "rows": rows,
        },
        agency=agency,
    )
