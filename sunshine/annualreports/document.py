"""The whole annual report as a document in the official layout: a title, the six parts, and tables 2,
3 and 4 as grids of cells (with their spans) in the format's wording. The HTML body of the published
record, the PDF and the DOCX are all drawn from this one description, so they say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.html import escape

from sunshine.annualreports.layout import (
    APPLICANT_COLUMNS,
    APPLICATION_LINES,
    APPLICATIONS_CORNER,
    CONTENT_HEADING,
    DECISION_COLUMN,
    DECISION_GROUPS,
    DOCUMENT_COLUMNS,
    DOCUMENT_ROWS,
    DOCUMENTS_GROUP,
    FEES_COLUMN,
    FEES_GROUP,
    FEES_LINE,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMNS,
    SECTION_TITLES,
)
from sunshine.annualreports.report import AnnualReport

if TYPE_CHECKING:
    from sunshine.annualreports.models import AnnualReportDraft

NOT_ENTERED = "—"
NOT_PUBLISHED = "本年度报告尚未发布，本部分内容待发布后载明。"


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    number: bool = False
    indent: int = 0  # levels of indentation of a row label


@dataclass(frozen=True)
class Grid:
    name: str  # "proactive", "applications", "reviews"
    widths: tuple[float, ...]  # relative column widths
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def columns(self) -> int:
        return len(self.widths)

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell on the full grid, spans taken into account."""
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, Cell]] = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


@dataclass(frozen=True)
class Part:
    title: str
    paragraphs: tuple[str, ...] = ()
    grid: Grid | None = None


@dataclass(frozen=True)
class ReportDocument:
    title: str
    agency_name: str
    date_line: str  # the date of publication, or empty
    parts: tuple[Part, ...] = field(default_factory=tuple)


def _n(value: int) -> Cell:
    return Cell(str(value), number=True)


def format_fees(amount: Decimal) -> str:
    """万元 with up to four decimals, without trailing zeros: 1.25, 0, 12.3456."""
    text = f"{amount.quantize(Decimal('0.0001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def proactive_grid(report: AnnualReport) -> Grid:
    h = Cell
    rows: list[tuple[Cell, ...]] = [
        (h(DOCUMENTS_GROUP, colspan=4, header=True),),
        (h(CONTENT_HEADING, header=True), *(h(c.official, header=True) for c in DOCUMENT_COLUMNS)),
    ]
    for line in DOCUMENT_ROWS:
        rows.append((h(line.official), *(_n(report.documents[line.code][c.code]) for c in DOCUMENT_COLUMNS)))
    decisions = report.decisions
    for group, lines in DECISION_GROUPS:
        rows.append((h(group, colspan=4, header=True),))
        rows.append((h(CONTENT_HEADING, header=True), h(DECISION_COLUMN.official, colspan=3, header=True)))
        for line in lines:
            value = str(getattr(decisions, line.code)) if decisions is not None else NOT_ENTERED
            rows.append((h(line.official), Cell(value, colspan=3, number=True)))
    rows.append((h(FEES_GROUP, colspan=4, header=True),))
    rows.append((h(CONTENT_HEADING, header=True), h(FEES_COLUMN.official, colspan=3, header=True)))
    fees = format_fees(decisions.fees) if decisions is not None else NOT_ENTERED
    rows.append((h(FEES_LINE.official), Cell(fees, colspan=3, number=True)))
    return Grid("proactive", (4.0, 2.0, 2.0, 2.0), tuple(rows))


def applications_grid(report: AnnualReport) -> Grid:
    rows: list[tuple[Cell, ...]] = [
        (Cell(APPLICATIONS_CORNER, rowspan=3, header=True), Cell("申请人情况", colspan=7, header=True)),
        (
            Cell(APPLICANT_COLUMNS[0].official, rowspan=2, header=True),
            Cell("法人或其他组织", colspan=5, header=True),
            Cell(APPLICANT_COLUMNS[-1].official, rowspan=2, header=True),
        ),
        tuple(Cell(c.official, header=True) for c in APPLICANT_COLUMNS[1:6]),
    ]
    for line in APPLICATION_LINES:
        label = Cell(line.official, indent=line.level)
        if line.numbered:
            rows.append((label, *(_n(report.applications[line.code][c.code]) for c in APPLICANT_COLUMNS)))
        else:
            rows.append((label, Cell("", colspan=7)))
    return Grid("applications", (6.2, *([1.4] * 7)), tuple(rows))


def reviews_grid(report: AnnualReport) -> Grid:
    rows: tuple[tuple[Cell, ...], ...] = (
        (
            Cell(REVIEW_GROUPS[0].official, colspan=5, rowspan=2, header=True),
            Cell("行政诉讼", colspan=10, header=True),
        ),
        tuple(Cell(g.official, colspan=5, header=True) for g in REVIEW_GROUPS[1:]),
        tuple(Cell(c.official, header=True) for _g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS),
        tuple(_n(report.reviews[g.code][c.code]) for g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS),
    )
    return Grid("reviews", tuple([1.0] * 15), rows)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def report_document(report: AnnualReport, draft: AnnualReportDraft | None) -> ReportDocument:
    """The report as published (``draft`` the published one), or the live tables with the narrative
    parts marked as not yet published (``draft`` None)."""

    def narrative(text: str | None) -> tuple[str, ...]:
        if draft is None or text is None:
            return (NOT_PUBLISHED,)
        return _paragraphs(text) or ("无。",)

    published_on = draft.published_on if draft is not None else None
    return ReportDocument(
        title=f"{report.agency.name}{report.year}年政府信息公开工作年度报告",
        agency_name=report.agency.name,
        date_line=(
            f"{published_on.year}年{published_on.month}月{published_on.day}日"
            if published_on is not None
            else ""
        ),
        parts=(
            Part(SECTION_TITLES[0], narrative(draft.overview if draft else None)),
            Part(SECTION_TITLES[1], grid=proactive_grid(report)),
            Part(SECTION_TITLES[2], grid=applications_grid(report)),
            Part(SECTION_TITLES[3], grid=reviews_grid(report)),
            Part(SECTION_TITLES[4], narrative(draft.problems if draft else None)),
            Part(SECTION_TITLES[5], narrative(draft.other_matters if draft else None)),
        ),
    )


def _html_cell(cell: Cell, in_head: bool) -> str:
    tag = "th" if cell.header or (not cell.number and cell.text and not in_head) else "td"
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if tag == "th" and not cell.header:
        spans += ' scope="row"'
    text = "\u3000" * cell.indent + cell.text
    return f"<{tag}{spans}>{escape(text)}</{tag}>"


def grid_html(grid: Grid) -> str:
    rows = []
    for row in grid.rows:
        head = all(cell.header for cell in row)
        rows.append("<tr>" + "".join(_html_cell(cell, head) for cell in row) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def to_html(document: ReportDocument) -> str:
    """The body of the published record: headings, paragraphs and tables only (what the records'
    sanitiser keeps)."""
    out: list[str] = []
    for part in document.parts:
        out.append(f"<h2>{escape(part.title)}</h2>")
        out.extend(f"<p>{escape(paragraph)}</p>" for paragraph in part.paragraphs)
        if part.grid is not None:
            out.append(grid_html(part.grid))
    if document.date_line:
        out.append(f"<p>{escape(document.agency_name)}</p>")
        out.append(f"<p>{escape(document.date_line)}</p>")
    return "\n".join(out)
