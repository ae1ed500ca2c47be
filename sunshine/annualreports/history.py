"""Import of past requests from CSV or XLSX, so that an agency that starts mid-year reports a true year.

Each row is one request handled before the platform was used: its agency, applicant type, date of
receipt and, when it was concluded, the date and outcome. Requests still open at the time of import
are the opening balance that the next annual report carries over. Every row is checked first; one
bad row stops the whole import and nothing is stored.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.annualreports.layout import APPLICANT_COLUMNS
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.inforequests import access
from sunshine.inforequests.codes import (
    ApplicantKind,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    IdType,
    Outcome,
    Status,
)
from sunshine.inforequests.law import REPLY_WORKING_DAYS
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.records import reading_limits
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, add_working_days

COLUMNS = (
    "agency",
    "applicant_kind",
    "received_on",
    "concluded_on",
    "outcome",
    "channel",
    "reference",
    "description",
)
REQUIRED = ("agency", "applicant_kind", "received_on")
MAX_ROWS = 50_000
IMPORT_ROLES = (Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR)
CLOSED_OUTCOMES = {Outcome.OTHER_CORRECTION_OVERDUE, Outcome.OTHER_FEE_UNPAID}

# Column headings and applicant types may also be written as in the national format.
HEADER_ALIASES = {
    "机关代码": "agency",
    "申请人类型": "applicant_kind",
    "收到日期": "received_on",
    "办结日期": "concluded_on",
    "办理结果": "outcome",
    "申请渠道": "channel",
    "原编号": "reference",
    "申请内容": "description",
}
KIND_ALIASES = {
    column.official: column.code for column in APPLICANT_COLUMNS if column.code in ApplicantKind.values
}


@dataclass(frozen=True)
class RowError:
    row: int  # as the user counts: the heading is row 1
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    tracking_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class HistoricalRequest:
    row: int
    agency: Agency
    applicant_kind: str
    received_on: datetime.date
    concluded_on: datetime.date | None
    outcome: str
    channel: str
    reference: str
    description: str


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


def read_rows(data: bytes) -> Iterator[dict[str, str]]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file as {column: text}."""
    if data[:4] == b"PK\x03\x04":
        yield from _xlsx_rows(data)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file is neither UTF-8 CSV nor XLSX.")) from exc
    reader = csv.reader(io.StringIO(text))
    yield from _mapped(reader)


def _xlsx_rows(data: bytes) -> Iterator[dict[str, str]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a runtime dependency
        raise ImportFileError(_("XLSX files cannot be read here; save the sheet as CSV.")) from exc
    problem = reading_limits.workbook_problem(data)  # the bounds of any upload: size, depth, time
    if problem:
        raise ImportFileError(problem)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("The XLSX file cannot be read.")) from exc
    sheet = workbook.worksheets[0]
    rows = ([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True))
    yield from _mapped(rows)
    workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _mapped(rows: Iterable[list[str]]) -> Iterator[dict[str, str]]:
    iterator = iter(rows)
    try:
        heading = next(iterator)
    except StopIteration:
        return
    names = [HEADER_ALIASES.get(h.strip(), h.strip().lower()) for h in heading]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    for values in iterator:
        if not any(v.strip() for v in values if v):
            continue
        yield {
            name: (values[i].strip() if i < len(values) and values[i] else "") for i, name in enumerate(names)
        }


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def check_rows(
    rows: Iterable[dict[str, str]], allowed: dict[str, Agency], today: datetime.date
) -> tuple[list[HistoricalRequest], list[RowError]]:
    """Every row checked; the good ones as HistoricalRequest, the problems with their row numbers."""
    good: list[HistoricalRequest] = []
    errors: list[RowError] = []
    for number, row in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(RowError(number, "", _("At most %(n)s rows at a time.") % {"n": MAX_ROWS}))
            break
        problems: list[RowError] = []

        agency = allowed.get(row.get("agency", "").strip())
        if agency is None:
            problems.append(
                RowError(number, "agency", _("No agency with this code that you may import for."))
            )
        kind = KIND_ALIASES.get(row.get("applicant_kind", ""), row.get("applicant_kind", ""))
        if kind not in ApplicantKind.values:
            values = ", ".join(ApplicantKind.values)
            problems.append(
                RowError(number, "applicant_kind", _("Use one of: %(values)s.") % {"values": values})
            )
        received = _date(row.get("received_on", ""))
        if received is None:
            problems.append(RowError(number, "received_on", _("Give the date as YYYY-MM-DD.")))
        elif received > today:
            problems.append(RowError(number, "received_on", _("The date cannot be in the future.")))
        concluded = None
        if row.get("concluded_on", ""):
            concluded = _date(row["concluded_on"])
            if concluded is None:
                problems.append(RowError(number, "concluded_on", _("Give the date as YYYY-MM-DD.")))
            elif concluded > today:
                problems.append(RowError(number, "concluded_on", _("The date cannot be in the future.")))
            elif received is not None and concluded < received:
                problems.append(
                    RowError(
                        number, "concluded_on", _("A request cannot be concluded before it was received.")
                    )
                )
        outcome = row.get("outcome", "")
        if row.get("concluded_on", "") and outcome not in Outcome.values:
            problems.append(
                RowError(
                    number, "outcome", _("A concluded request needs its outcome, one of the outcome codes.")
                )
            )
        if not row.get("concluded_on", "") and outcome:
            problems.append(
                RowError(number, "outcome", _("An outcome needs the date the request was concluded."))
            )
        channel = row.get("channel", "") or Channel.IN_PERSON
        if channel not in Channel.values:
            problems.append(
                RowError(
                    number, "channel", _("Use one of: %(values)s.") % {"values": ", ".join(Channel.values)}
                )
            )
        if len(row.get("reference", "")) > 300:
            problems.append(RowError(number, "reference", _("Enter at most %(n)s characters.") % {"n": 300}))
        if problems:
            errors.extend(problems)
            continue
        assert agency is not None
        assert received is not None
        good.append(
            HistoricalRequest(
                row=number,
                agency=agency,
                applicant_kind=kind,
                received_on=received,
                concluded_on=concluded,
                outcome=outcome if concluded else "",
                channel=channel,
                reference=row.get("reference", ""),
                description=row.get("description", "")
                or _("Imported from the records kept before this platform."),
            )
        )
    return good, errors


def _due(received: datetime.date) -> datetime.date | None:
    try:
        return add_working_days(received, REPLY_WORKING_DAYS, current_calendar())
    except CalendarNotPublished:
        return None


def import_history(
    *, data: bytes, by: Any, file_name: str = "", today: datetime.date | None = None
) -> ImportResult:
    """Create the requests of a history file for agencies ``by`` may import for (disclosure office,
    administrator). All rows or none. The file is read and checked before the transaction."""
    today = today or timezone.localdate()
    allowed = {a.code: a for a in agencies_for_staff(by, roles=IMPORT_ROLES)}
    try:
        rows, errors = check_rows(read_rows(data), allowed, today)
    except ImportFileError as exc:
        return ImportResult(errors=[RowError(1, "", str(exc))])
    if errors:
        return ImportResult(errors=errors)
    if not rows:
        return ImportResult(errors=[RowError(2, "", _("The file holds no rows to import."))])
    return _store_history(rows, by, file_name, today)


@transaction.atomic
def _store_history(
    rows: list[HistoricalRequest], by: Any, file_name: str, today: datetime.date
) -> ImportResult:
    result = ImportResult()
    actor = person_or_none(by)
    for item in rows:
        status = Status.RECEIVED
        if item.concluded_on is not None:
            status = Status.CLOSED if item.outcome in CLOSED_OUTCOMES else Status.REPLIED
        request = InfoRequest.objects.create(
            tracking_code=access.new_tracking_code(item.received_on.year),
            access_salt=access.new_salt(),
            agency=item.agency,
            channel=item.channel,
            applicant_kind=item.applicant_kind,
            applicant_name=_("(imported)"),
            applicant_id_type=IdType.OTHER,
            applicant_id_number="-",
            title=item.reference,
            description=item.description,
            delivery_form=DeliveryForm.PAPER,
            delivery_method=DeliveryMethod.PICKUP,
            status=status,
            outcome=item.outcome,
            received_on=item.received_on,
            clock_start=item.received_on,
            due_date=_due(item.received_on),
            concluded_on=item.concluded_on,
            created_by=actor,
        )
        RequestEvent.objects.create(
            request=request, action="import", date=today, by=actor, data={"file": file_name, "row": item.row}
        )
        audit.record(
            actor=by,
            action="inforequest.import",
            obj=request,
            after={
                "row": item.row,
                "file": file_name,
                "received_on": item.received_on.isoformat(),
                "concluded_on": item.concluded_on.isoformat() if item.concluded_on else None,
                "outcome": item.outcome,
                "applicant_kind": item.applicant_kind,
            },
            agency=item.agency,
        )
        result.created += 1
        result.tracking_codes.append(request.tracking_code)
    return result
