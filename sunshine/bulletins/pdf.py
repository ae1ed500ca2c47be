"""An issue of the bulletin as a PDF (fpdf2, A4): a cover, the table of contents with page numbers,
then each record from a new page (its section heading where a section starts, the title, the
document number, the text as published and the date of formation).

The CJK font is found and cut down to the characters of the issue by
``sunshine.inforequests.documents.fonts``, as for the request documents and the ledger (the titles
in the bold face of the family where it is installed). The outline (bookmarks) has one entry per
section and, below it, one per record; the table of contents is drawn from that outline at the end,
on pages reserved after the cover (``insert_toc_placeholder``), so its page numbers are those of the
finished document.
"""

from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.outline import OutlineSection

from sunshine.bulletins.models import Entry, Issue
from sunshine.inforequests.documents.context import chinese_date
from sunshine.inforequests.documents.fonts import bold_of, find_font, subset_font
from sunshine.inforequests.documents.linebreak import wrap

FONT, TITLE_FONT = "cjk", "cjk-title"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 25.0, 25.0, 25.0
BODY_SIZE, BODY_LINE = 12.0, 7.5
TITLE_SIZE, TITLE_LINE = 18.0, 10.0
SECTION_SIZE, SECTION_LINE = 14.0, 9.0
TOC_SIZE, TOC_LINE = 12.0, 8.0
COVER_SIZE = 30.0
PAGE_NUMBER_WIDTH = 14.0  # the right-hand column of the table of contents
INDENT = "\u3000\u3000"  # the first-line indent of a Chinese paragraph
FIXED = "— 0123456789.·年月日第期【】"


@dataclass(frozen=True)
class Item:
    """One record as the issue prints it: its entry (section, title, numbers) and its text."""

    entry: Entry
    text: str  # the record's plain text as the public reads it, one paragraph a line


class _Pages(FPDF):
    def footer(self) -> None:
        if self.page_no() == 1:  # the cover
            return
        self.set_y(-MARGIN_BOTTOM + 8)
        self.set_font(FONT, size=10)
        self.cell(0, 6, f"— {self.page_no()} —", align=Align.C)


def issue_label(issue: Issue) -> str:
    """2026年第12期"""
    return f"{issue.year}年第{issue.number}期"


def _contents_heading() -> str:
    return _("Contents")


def _all_text(issue: Issue, items: list[Item]) -> str:
    parts = [issue.title, issue.agency.name, issue_label(issue), chinese_date(issue.published_on)]
    parts += [_contents_heading(), FIXED, INDENT]
    for item in items:
        entry = item.entry
        parts += [entry.section, entry.title, entry.document_number, entry.agency_name, item.text]
        parts.append(chinese_date(entry.formation_date))
    return "".join(parts)


def _titles_text(issue: Issue, items: list[Item]) -> str:
    parts = [issue.title, issue_label(issue), _contents_heading()]
    parts += [f"{item.entry.section}{item.entry.title}" for item in items]
    return "".join(parts) + FIXED


def _toc_lines(pdf: FPDF, outline: list[tuple[int, str]]) -> list[tuple[int, str, bool]]:
    """(level, text, last line of its item) of the table of contents, as it is drawn."""
    lines: list[tuple[int, str, bool]] = []
    for level, name in outline:
        if level == 0:
            pdf.set_font(TITLE_FONT, size=TOC_SIZE)
            lines.append((0, name, True))
            continue
        pdf.set_font(FONT, size=TOC_SIZE)
        wrapped = wrap(name, pdf.epw - PAGE_NUMBER_WIDTH - 8, pdf.get_string_width)
        lines.extend((1, line, n == len(wrapped) - 1) for n, line in enumerate(wrapped))
    return lines


def _toc_pages(pdf: FPDF, outline: list[tuple[int, str]]) -> int:
    """How many pages the table of contents takes, laid out as ``_render_toc`` draws it."""
    usable = pdf.h - MARGIN_TOP - MARGIN_BOTTOM
    pages, y = 1, TITLE_LINE + 6
    for _level, _text, _last in _toc_lines(pdf, outline):
        if y + TOC_LINE > usable:
            pages, y = pages + 1, 0.0
        y += TOC_LINE
    return pages


def _render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(TITLE_FONT, size=TITLE_SIZE)
    pdf.cell(pdf.epw, TITLE_LINE, _contents_heading(), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pages = [section.page_number for section in outline if section.level == 1]
    lines = _toc_lines(pdf, [(section.level, section.name) for section in outline])
    record = 0
    for level, text, last in lines:
        if level == 0:
            pdf.set_font(TITLE_FONT, size=TOC_SIZE)
            pdf.cell(pdf.epw, TOC_LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        pdf.set_font(FONT, size=TOC_SIZE)
        pdf.set_x(pdf.l_margin + 8)
        if not last:
            pdf.cell(pdf.epw - 8, TOC_LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        width = pdf.epw - 8 - PAGE_NUMBER_WIDTH
        dots = "·" * max(
            int((width - pdf.get_string_width(text)) / max(pdf.get_string_width("·"), 0.1)) - 1, 0
        )
        pdf.cell(width, TOC_LINE, text + dots)
        pdf.cell(
            PAGE_NUMBER_WIDTH,
            TOC_LINE,
            str(pages[record]),
            align=Align.R,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        record += 1


def _centred(pdf: FPDF, text: str, family: str, size: float, height: float) -> None:
    pdf.set_font(family, size=size)
    for line in wrap(text, pdf.epw, pdf.get_string_width):
        pdf.cell(pdf.epw, height, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cover(pdf: FPDF, issue: Issue) -> None:
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_text_color(190, 0, 0)  # the red masthead of official publications
    for part in issue.title.split():  # "阳光市人民政府公报 2026年第12期": the masthead, then the number
        _centred(pdf, part, TITLE_FONT, COVER_SIZE, 16)
    pdf.set_text_color(0, 0, 0)
    if issue_label(issue) not in issue.title:
        pdf.ln(12)
        _centred(pdf, issue_label(issue), TITLE_FONT, TITLE_SIZE, TITLE_LINE)
    pdf.set_y(pdf.h - MARGIN_BOTTOM - 40)
    _centred(pdf, issue.agency.name, FONT, SECTION_SIZE, SECTION_LINE)
    _centred(pdf, chinese_date(issue.published_on), FONT, SECTION_SIZE, SECTION_LINE)


def _record(pdf: FPDF, item: Item, *, new_section: bool, new_page: bool) -> None:
    entry = item.entry
    if new_page:
        pdf.add_page()
    if new_section:
        pdf.start_section(entry.section, level=0)
        pdf.set_font(TITLE_FONT, size=SECTION_SIZE)
        pdf.cell(pdf.epw, SECTION_LINE, f"【{entry.section}】", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    pdf.start_section(entry.title, level=1)
    _centred(pdf, entry.title, TITLE_FONT, TITLE_SIZE, TITLE_LINE)
    if entry.document_number:
        _centred(pdf, entry.document_number, FONT, BODY_SIZE, BODY_LINE)
    pdf.ln(BODY_LINE)
    pdf.set_font(FONT, size=BODY_SIZE)
    for paragraph in item.text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        for line in wrap(INDENT + paragraph, pdf.epw, pdf.get_string_width):
            pdf.cell(pdf.epw, BODY_LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(BODY_LINE)
    for line in (entry.agency_name, chinese_date(entry.formation_date)):
        if line:
            pdf.cell(pdf.epw, BODY_LINE, line + INDENT, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def issue_pdf(issue: Issue, items: list[Item], *, made_at: datetime.datetime | None = None) -> bytes:
    """The issue as PDF bytes; ``fonts.FontNotFound`` when no CJK font can be found."""
    face = find_font()
    bold = bold_of(face)
    with tempfile.TemporaryDirectory(prefix="sunshine-bulletin-pdf-") as folder:
        body_file = Path(folder) / "body.otf"
        body_file.write_bytes(subset_font(face, _all_text(issue, items)))
        pdf = _Pages(orientation="P", unit="mm", format="A4")
        pdf.add_font(FONT, "", str(body_file))
        if bold is not None:
            title_file = Path(folder) / "title.otf"
            title_file.write_bytes(subset_font(bold, _titles_text(issue, items)))
            pdf.add_font(TITLE_FONT, "", str(title_file))
        else:
            pdf.add_font(TITLE_FONT, "", str(body_file))
        pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.set_title(f"{issue.title}")
        pdf.set_author(issue.agency.name)
        pdf.set_creator("Sunshine")
        pdf.set_lang("zh-CN")
        pdf.set_creation_date(made_at or timezone.now())
        _cover(pdf, issue)
        pdf.add_page()
        outline: list[tuple[int, str]] = []
        previous = None
        for item in items:
            if item.entry.section != previous:
                outline.append((0, item.entry.section))
            outline.append((1, item.entry.title))
            previous = item.entry.section
        pdf.insert_toc_placeholder(_render_toc, pages=_toc_pages(pdf, outline))
        # The placeholder leaves a fresh page after the contents: the first record starts on it.
        previous = None
        for number, item in enumerate(items):
            _record(pdf, item, new_section=item.entry.section != previous, new_page=number > 0)
            previous = item.entry.section
        return bytes(pdf.output())
