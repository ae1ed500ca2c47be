"""The annual report as DOCX for filing (python-docx): the six parts, tables 2, 3 and 4 as Word tables
with merged cells in the format's layout; Chinese text in 仿宋 with the title in 黑体 (the fonts are
named for both the Latin and the East Asian slot, as ``inforequests.documents.docx_output`` does)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from sunshine.annualreports.document import Grid, ReportDocument
from sunshine.inforequests.documents.docx_output import set_fonts

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋", "黑体", "黑体"
TABLE_SIZES = {"proactive": Pt(10.5), "applications": Pt(9), "reviews": Pt(8)}


def _table(document: WordDocument, grid: Grid, width_mm: float) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(grid.widths)
    for index, column in enumerate(table.columns):
        column.width = Mm(width_mm * grid.widths[index] / total)
    size = TABLE_SIZES.get(grid.name, Pt(9))
    for r, c, cell in grid.placed():
        target = table.cell(r, c)
        if cell.colspan > 1 or cell.rowspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.paragraph_format.first_line_indent = None
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.CENTER if cell.header or cell.number else WD_ALIGN_PARAGRAPH.LEFT
        )
        run = paragraph.add_run("\u3000" * cell.indent + cell.text)
        run.font.size = size
        run.bold = cell.header
    document.add_paragraph()


def report_docx(document_model: ReportDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(22), Mm(22)
    width_mm = 210 - 22 - 22
    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT, Pt(14))
    normal.paragraph_format.space_after = Pt(0)
    title = document.styles["Title"]
    set_fonts(title, TITLE_FONT, Pt(20))
    title.font.color.rgb = None
    heading = document.styles["Heading 1"]
    set_fonts(heading, HEADING_FONT, Pt(15))
    heading.font.color.rgb = None
    heading.font.bold = False

    paragraph = document.add_paragraph(document_model.title, style=title)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in document_model.parts:
        document.add_paragraph(part.title, style=heading)
        for text in part.paragraphs:
            body = document.add_paragraph(text)
            body.paragraph_format.first_line_indent = Pt(28)
        if part.grid is not None:
            _table(document, part.grid, width_mm)
    if document_model.date_line:
        for text in (document_model.agency_name, document_model.date_line):
            line = document.add_paragraph(text)
            line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    properties = document.core_properties
    properties.title = document_model.title
    properties.author = document_model.agency_name
    properties.language = "zh-CN"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
