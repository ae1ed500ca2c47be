"""The ledger as tables (the page, XLSX and PDF read the same ones), as an XLSX workbook (openpyxl,
one sheet a section) and as a landscape A4 PDF (fpdf2, the CJK font found and cut down by
``sunshine.inforequests.documents.fonts``, as the request documents and annual reports are)."""

from __future__ import annotations

import datetime
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from sunshine.core.spreadsheets import safe_cell
from sunshine.inforequests.documents.fonts import find_font, subset_font
from sunshine.inforequests.documents.linebreak import wrap
from sunshine.ledger.ledger import Ledger, event_labels, kind_labels, outcome_labels, timeliness_labels


@dataclass(frozen=True)
class Table:
    name: str  # records, requests, letters
    title: str
    header: list[str]
    rows: list[list[Any]]  # strings and dates
    widths: tuple[int, ...]  # relative column widths (characters in the workbook)


def title_of(ledger: Ledger) -> str:
    return _("Disclosure ledger of %(agency)s, %(start)s to %(end)s") % {
        "agency": ledger.agency.name,
        "start": ledger.start.isoformat(),
        "end": ledger.end.isoformat(),
    }


def scope_line(ledger: Ledger) -> str:
    if not ledger.subtree:
        return ""
    return _("With the agencies below it: %(codes)s") % {"codes": "、".join(a.code for a in ledger.agencies)}


def tables(ledger: Ledger) -> list[Table]:
    events, timeliness, outcomes, kinds = event_labels(), timeliness_labels(), outcome_labels(), kind_labels()
    return [
        Table(
            "records",
            _("Records published, changed and withdrawn"),
            [
                _("Date"),
                _("Event"),
                _("Index number"),
                _("Title"),
                _("Document number"),
                _("Category"),
                _("Signed off by"),
                _("Published or withdrawn by"),
                _("Note"),
                _("Agency code"),
            ],
            [
                [
                    r.date,
                    events[r.event],
                    r.index_number,
                    r.title,
                    r.document_number,
                    r.category,
                    r.signed_by,
                    r.by,
                    r.note,
                    r.agency,
                ]
                for r in ledger.records
            ],
            (11, 8, 22, 40, 18, 14, 12, 12, 24, 12),
        ),
        Table(
            "requests",
            _("Requests received or concluded"),
            [
                _("Tracking code"),
                _("Received on"),
                _("Due date"),
                _("Concluded on"),
                _("Outcome"),
                _("On time?"),
                _("Agency code"),
            ],
            [
                [
                    r.tracking_code,
                    r.received_on,
                    r.due_date,
                    r.concluded_on,
                    outcomes.get(r.outcome, r.outcome),
                    timeliness[r.timeliness],
                    r.agency,
                ]
                for r in ledger.requests
            ],
            (18, 11, 11, 11, 30, 16, 12),
        ),
        Table(
            "letters",
            _("Letters answered"),
            [
                _("Tracking code"),
                _("Kind"),
                _("Received on"),
                _("Due date"),
                _("Replied on"),
                _("On time?"),
                _("Agency code"),
            ],
            [
                [
                    r.tracking_code,
                    kinds.get(r.kind, r.kind),
                    r.received_on,
                    r.due_date,
                    r.replied_on,
                    timeliness[r.timeliness],
                    r.agency,
                ]
                for r in ledger.letters
            ],
            (18, 16, 11, 11, 11, 16, 12),
        ),
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --- XLSX ------------------------------------------------------------------------------------


def ledger_xlsx(ledger: Ledger) -> bytes:
    """One sheet a section: a title line, the header, one row each; dates as dates."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty first sheet
    for table in tables(ledger):
        sheet = book.create_sheet(title=table.title[:31])
        sheet.append([title_of(ledger)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(v) for v in table.header])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        for index, width in enumerate(table.widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------

FONT = "cjk"
MARGIN = 15.0
TITLE_SIZE, HEADING_SIZE, TABLE_SIZE = 16.0, 12.0, 8.0
PAGE_NUMBERS = "— 0123456789"


class _Pages(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=9)
        self.cell(0, 6, f"— {self.page_no()} —", align=Align.C)


def _all_text(ledger: Ledger, sections: list[Table]) -> str:
    parts = [title_of(ledger), scope_line(ledger), _("No entries in the period."), PAGE_NUMBERS]
    for table in sections:
        parts.append(table.title)
        parts.extend(table.header)
        parts.extend(_text(v) for row in table.rows for v in row)
    return "".join(parts)


def ledger_pdf(ledger: Ledger) -> bytes:
    """The three sections as ruled tables; ``fonts.FontNotFound`` when no CJK font can be found."""
    face = find_font()
    sections = tables(ledger)
    with tempfile.TemporaryDirectory(prefix="sunshine-ledger-pdf-") as folder:
        font_file = Path(folder) / "body.otf"
        font_file.write_bytes(subset_font(face, _all_text(ledger, sections)))
        pdf = _Pages(orientation="L", unit="mm", format="A4")
        pdf.add_font(FONT, "", str(font_file))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN)
        title = title_of(ledger)
        pdf.set_title(title)
        pdf.set_author(ledger.agency.name)
        pdf.set_creator("Sunshine")
        pdf.set_lang("zh-CN")
        pdf.add_page()
        pdf.set_font(FONT, size=TITLE_SIZE)
        for line in wrap(title, pdf.epw, pdf.get_string_width):
            pdf.cell(pdf.epw, 9, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        scope = scope_line(ledger)
        if scope:
            pdf.set_font(FONT, size=TABLE_SIZE + 1)
            for line in wrap(scope, pdf.epw, pdf.get_string_width):
                pdf.cell(pdf.epw, 5, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        for table in sections:
            pdf.set_font(FONT, size=HEADING_SIZE)
            pdf.cell(pdf.epw, 8, table.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font(FONT, size=TABLE_SIZE)
            if not table.rows:
                pdf.cell(pdf.epw, 6, _("No entries in the period."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(3)
                continue
            with pdf.table(
                col_widths=table.widths,
                width=pdf.epw,
                text_align=Align.L,
                line_height=TABLE_SIZE * 0.5,
                wrapmode=WrapMode.CHAR,
                padding=1,
                headings_style=FontFace(emphasis=""),
            ) as grid:
                heading = grid.row()
                for name in table.header:
                    heading.cell(name)
                for values in table.rows:
                    row = grid.row()
                    for value in values:
                        row.cell(_text(value))
            pdf.ln(4)
        return bytes(pdf.output())
