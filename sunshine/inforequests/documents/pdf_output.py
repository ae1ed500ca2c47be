"""Blocks to PDF with fpdf2, the CJK font embedded as a subset (only the characters used).

The page follows the layout of official documents (GB/T 9704-2012) loosely: A4, margins of about
37/26/35/28 mm, body text in 三号 (16 pt) with the first line indented by two characters, the title
in 二号 (22 pt) in the bold face of the family, the page number as "— 1 —" at the foot.

A CJK font holds some 65,000 glyphs: fpdf2 would read all of them for every document. The font is
cut down to the characters of the document first (``fonts.subset_font``), which saves a third of
the time; titles, which repeat, are cut once per process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from sunshine.inforequests.documents.blocks import Block, Style, title_of
from sunshine.inforequests.documents.fonts import bold_of, find_font, subset_font, subset_title_font
from sunshine.inforequests.documents.linebreak import wrap

FONT, TITLE_FONT = "cjk", "cjk-title"
PAGE_NUMBERS = "— 0123456789"
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 37.0, 26.0, 35.0, 28.0
SIZES = {Style.TITLE: 22.0, Style.SUBTITLE: 14.0, Style.FLUSH: 16.0, Style.RIGHT: 16.0, Style.BODY: 16.0}
LINE_HEIGHT = {Style.TITLE: 12.0, Style.SUBTITLE: 8.0, Style.FLUSH: 9.5, Style.RIGHT: 9.5, Style.BODY: 9.5}
INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese paragraphs


class _Pages(FPDF):
    def footer(self) -> None:
        self.set_y(-MARGIN_BOTTOM + 12)
        self.set_font(FONT, size=14)
        self.cell(0, 8, f"— {self.page_no()} —", align=Align.C)


def _paragraph(pdf: FPDF, block: Block, title_family: str) -> None:
    size, height = SIZES[block.style], LINE_HEIGHT[block.style]
    pdf.set_font(title_family if block.style == Style.TITLE else FONT, size=size)
    width = pdf.epw
    if block.style in (Style.TITLE, Style.SUBTITLE):
        for line in wrap(block.text, width, pdf.get_string_width):
            pdf.cell(width, height, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    if block.style == Style.RIGHT:
        # 右空二字: the sender and the date end two characters before the right margin.
        for line in wrap(block.text + INDENT, width, pdf.get_string_width):
            pdf.cell(width, height, line, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    text = INDENT + block.text if block.style == Style.BODY else block.text
    lines = wrap(text, width, pdf.get_string_width)
    for number, line in enumerate(lines):
        # Full justification (两端对齐): spread the spare room over the gaps between characters,
        # except on the last line of the paragraph.
        spare = width - pdf.get_string_width(line)
        if number < len(lines) - 1 and len(line) > 1 and 0 < spare < width / 4:
            pdf.set_char_spacing(spare / (len(line) - 1))
        pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_char_spacing(0)


def _write(pdf: FPDF, blocks: list[Block], title_family: str) -> None:
    previous: Style | None = None
    for block in blocks:
        if block.style == Style.RIGHT and previous not in (None, Style.RIGHT):
            pdf.ln(LINE_HEIGHT[Style.BODY])  # a blank line before the sender and the date
        _paragraph(pdf, block, title_family)
        if block.style == Style.TITLE:
            pdf.ln(3)
        elif block.style == Style.SUBTITLE:
            pdf.ln(LINE_HEIGHT[Style.BODY] / 2)
        previous = block.style


def to_pdf(blocks: list[Block], *, author: str) -> bytes:
    """The document as PDF bytes; ``fonts.FontNotFound`` when no CJK font can be found."""
    face = find_font()
    bold = bold_of(face)
    title = "".join(block.text for block in blocks if block.style == Style.TITLE)
    text = "".join(block.text for block in blocks if block.style != Style.TITLE or bold is None)
    with tempfile.TemporaryDirectory(prefix="sunshine-pdf-") as folder:
        # fpdf2 reads a font from a file, until the document is written.
        body_file = Path(folder) / "body.otf"
        body_file.write_bytes(subset_font(face, text + INDENT + PAGE_NUMBERS))
        pdf = _Pages(orientation="P", unit="mm", format="A4")
        pdf.add_font(FONT, "", str(body_file))
        title_family = FONT
        if bold is not None and title:
            title_file = Path(folder) / "title.otf"
            title_file.write_bytes(subset_title_font(bold, title))
            pdf.add_font(TITLE_FONT, "", str(title_file))
            title_family = TITLE_FONT
        pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.set_title(title_of(blocks))
        pdf.set_author(author)
        pdf.set_creator("Sunshine")
        pdf.set_lang("zh-CN")
        pdf.add_page()
        _write(pdf, blocks, title_family)
        return bytes(pdf.output())
