"""The annual report as PDF for filing: A4, the CJK font embedded as a subset of the characters used
(found and cut by ``sunshine.inforequests.documents.fonts``), the six parts with tables 2, 3 and 4
drawn as ruled grids in the format's wording."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos

from sunshine.annualreports.document import Grid, ReportDocument
from sunshine.inforequests.documents.fonts import bold_of, find_font, subset_font, subset_title_font
from sunshine.inforequests.documents.linebreak import wrap

FONT, TITLE_FONT = "cjk", "cjk-title"
INDENT = "\u3000\u3000"
PAGE_NUMBERS = "— 0123456789"
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 30.0, 22.0, 28.0, 22.0
TITLE_SIZE, HEADING_SIZE, BODY_SIZE = 20.0, 15.0, 14.0
BODY_LINE = 8.0
TABLE_SIZES = {"proactive": 10.0, "applications": 8.0, "reviews": 7.5}


class _Pages(FPDF):
    def footer(self) -> None:
        self.set_y(-MARGIN_BOTTOM + 10)
        self.set_font(FONT, size=12)
        self.cell(0, 8, f"— {self.page_no()} —", align=Align.C)


def _lines(pdf: FPDF, text: str, height: float, align: Align = Align.L) -> None:
    for line in wrap(text, pdf.epw, pdf.get_string_width):
        pdf.cell(pdf.epw, height, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _grid(pdf: FPDF, grid: Grid) -> None:
    size = TABLE_SIZES.get(grid.name, 9.0)
    pdf.set_font(FONT, size=size)
    with pdf.table(
        col_widths=grid.widths,
        width=pdf.epw,
        first_row_as_headings=False,
        text_align=Align.C,
        line_height=size * 0.5,
        wrapmode=WrapMode.CHAR,
        padding=1,
    ) as table:
        for cells in grid.rows:
            row = table.row()
            for cell in cells:
                align = Align.C if cell.header or cell.number else Align.L
                row.cell(
                    "\u3000" * cell.indent + cell.text,
                    align=align,
                    colspan=cell.colspan,
                    rowspan=cell.rowspan,
                )
    pdf.ln(4)


def _all_text(document: ReportDocument) -> str:
    parts = [document.agency_name, document.date_line]
    for part in document.parts:
        parts.append(part.title)
        parts.extend(part.paragraphs)
        if part.grid is not None:
            parts.extend(cell.text for row in part.grid.rows for cell in row)
    return "".join(parts)


def report_pdf(document: ReportDocument) -> bytes:
    """The report as PDF bytes; ``fonts.FontNotFound`` when no CJK font can be found."""
    face = find_font()
    bold = bold_of(face)
    with tempfile.TemporaryDirectory(prefix="sunshine-report-pdf-") as folder:
        body_file = Path(folder) / "body.otf"
        body_file.write_bytes(subset_font(face, _all_text(document) + INDENT + PAGE_NUMBERS + document.title))
        pdf = _Pages(orientation="P", unit="mm", format="A4")
        pdf.add_font(FONT, "", str(body_file))
        title_family = FONT
        if bold is not None:
            title_file = Path(folder) / "title.otf"
            title_file.write_bytes(subset_title_font(bold, document.title))
            pdf.add_font(TITLE_FONT, "", str(title_file))
            title_family = TITLE_FONT
        pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.set_title(document.title)
        pdf.set_author(document.agency_name)
        pdf.set_creator("Sunshine")
        pdf.set_lang("zh-CN")
        pdf.add_page()
        pdf.set_font(title_family, size=TITLE_SIZE)
        _lines(pdf, document.title, 11.0, Align.C)
        pdf.ln(6)
        for part in document.parts:
            pdf.set_font(FONT, size=HEADING_SIZE)
            _lines(pdf, part.title, 9.0)
            pdf.set_font(FONT, size=BODY_SIZE)
            for paragraph in part.paragraphs:
                _lines(pdf, INDENT + paragraph, BODY_LINE)
            if part.grid is not None:
                pdf.ln(2)
                _grid(pdf, part.grid)
            pdf.ln(2)
        if document.date_line:
            pdf.set_font(FONT, size=BODY_SIZE)
            pdf.ln(BODY_LINE)
            _lines(pdf, document.agency_name + INDENT, BODY_LINE, Align.R)
            _lines(pdf, document.date_line + INDENT, BODY_LINE, Align.R)
        return bytes(pdf.output())
