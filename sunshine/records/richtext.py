"""The text of a record: sanitised HTML for display, plain text for search and the privacy scan.

Sanitising uses nh3 (the Rust ammonia sanitiser; bleach, the older choice, is deprecated since
2023). Only the structure of an official document survives: paragraphs, headings, lists, tables,
emphasis and links over http(s)/mailto. Scripts, styles, event handlers and unknown tags go.
Text typed without any tags (the plain form on a phone) becomes paragraphs, one per line.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAGS = {"p", "br", "h2", "h3", "h4", "li", "blockquote", "hr", "tr", "caption", "table", "ul", "ol"}
CELL_TAGS = {"td", "th"}
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def sanitize(text: str) -> str:
    """Safe HTML for the record's text; plain text becomes one paragraph per non-empty line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if not looks_like_html(text):
        lines = [line.strip() for line in text.split("\n")]
        return "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in CELL_TAGS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(safe_html: str) -> str:
    """The words of sanitised HTML, one block per line (what search indexes and the scan reads)."""
    collector = _TextCollector()
    collector.feed(safe_html)
    collector.close()
    text = "".join(collector.parts)
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_SIMPLE = re.compile(r"(?:<p>[^<>]*</p>\n?)*")


def editable_text(safe_html: str) -> str:
    """What to put back in the text box: plain lines when the text is just paragraphs, else the HTML."""
    if _SIMPLE.fullmatch(safe_html.strip()):
        return "\n".join(html.unescape(p) for p in re.findall(r"<p>([^<>]*)</p>", safe_html))
    return safe_html
