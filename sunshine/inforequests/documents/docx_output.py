"""Blocks to DOCX with python-docx, for staff who edit a notice in Word or WPS before sending it.

Chinese text needs its own font slot: Word takes the font of Chinese characters from the run's
``w:eastAsia`` attribute, not from the Latin font name, so both are set on every style used.
Body text 仿宋 三号 (16 pt) with a two-character first-line indent and 28 pt line pitch, the title
黑体 二号 (22 pt), the page number as "— 1 —" in the footer, A4 with the margins of GB/T 9704.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from sunshine.inforequests.documents.blocks import Block, Style, title_of

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
BODY_SIZE = Pt(16)

ALIGNMENT = {
    Style.TITLE: WD_ALIGN_PARAGRAPH.CENTER,
    Style.SUBTITLE: WD_ALIGN_PARAGRAPH.CENTER,
    Style.FLUSH: WD_ALIGN_PARAGRAPH.LEFT,
    Style.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Style.BODY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_run_fonts(r_pr: Any, east_asian: str) -> None:
    """Latin and Chinese font names on a w:rPr, without the theme fonts that would win over them."""
    r_fonts = r_pr.get_or_add_rFonts()
    for attribute in THEME_FONT_ATTRIBUTES:
        r_fonts.attrib.pop(qn(attribute), None)
    r_fonts.set(qn("w:ascii"), LATIN_FONT)
    r_fonts.set(qn("w:hAnsi"), LATIN_FONT)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_fonts(style: ParagraphStyle, east_asian: str, size: Pt) -> None:
    """Latin and Chinese font of ``style`` (w:ascii/w:hAnsi and w:eastAsia) and its size."""
    _set_run_fonts(style.element.get_or_add_rPr(), east_asian)
    style.font.size = size


def _styles(document: WordDocument) -> dict[Style, ParagraphStyle]:
    # The document defaults too, for the styles not based on Normal.
    for r_pr in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr"):
        _set_run_fonts(r_pr, BODY_FONT)
    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT, BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    title = document.styles["Title"]
    set_fonts(title, TITLE_FONT, Pt(22))
    title.font.bold = False
    title.font.color.rgb = None
    title.paragraph_format.space_after = Pt(14)
    title.paragraph_format.line_spacing = Pt(36)
    # The built-in Title style draws a rule under the title: official notices have none.
    p_pr = title.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)
    subtitle = document.styles["Subtitle"]
    set_fonts(subtitle, BODY_FONT, Pt(14))
    for numbering in subtitle.element.get_or_add_pPr().findall(qn("w:numPr")):
        subtitle.element.get_or_add_pPr().remove(numbering)
    subtitle.font.italic = False
    subtitle.font.color.rgb = None
    subtitle.paragraph_format.space_after = Pt(14)
    return {Style.TITLE: title, Style.SUBTITLE: subtitle}


def _page_number(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def to_docx(blocks: list[Block], *, author: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number(section.footer.paragraphs[0])
    styles = _styles(document)
    previous: Style | None = None
    for block in blocks:
        if block.style == Style.RIGHT and previous not in (None, Style.RIGHT):
            document.add_paragraph()  # a blank line before the sender and the date
        paragraph = document.add_paragraph(block.text, style=styles.get(block.style))
        paragraph.alignment = ALIGNMENT[block.style]
        if block.style == Style.BODY:
            paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
        elif block.style == Style.RIGHT:
            paragraph.paragraph_format.right_indent = BODY_SIZE * 2
        previous = block.style
    properties = document.core_properties
    properties.title = title_of(blocks)
    properties.author = author
    properties.language = "zh-CN"
    properties.comments = ""
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
