"""Escaped HTML with the matched words in ``<mark>``, cut from the stored text in Python.

The text is folded character by character (full-width → half-width, lower case) so that positions
in the folded text are positions in the original: what is shown is the original text, escaped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_WIDTH = 120  # characters shown
LEAD = 20  # characters shown before the first match
MAX_MATCHES = 200


@lru_cache(maxsize=8192)
def _fold(character: str) -> str:
    folded = unicodedata.normalize("NFKC", character).lower()
    return folded if len(folded) == 1 else character.lower()[:1] or character


# Full-width ASCII (！ to ～) and the ideographic space: what NFKC changes in ordinary Chinese text.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _folded(text: str) -> str:
    """``text`` folded like the segmenter folds it, one character for one character."""
    quick = text.translate(_HALF_WIDTH).lower()
    if len(quick) == len(text) and unicodedata.is_normalized("NFKC", quick):
        return quick
    return "".join(_fold(character) for character in text)


def _matches(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged [start, end) spans where any term occurs, longest terms first."""
    spans: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = folded.find(term)
        while start != -1 and len(spans) < MAX_MATCHES:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    parts: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole of ``text``, escaped, with every occurrence of a term marked."""
    return mark_safe(_render(text, _matches(_folded(text), terms), 0, len(text)))  # noqa: S308 - escaped


def snippet(text: str, terms: list[str], width: int = SNIPPET_WIDTH) -> SafeString:
    """A passage of about ``width`` characters from a little before the first match, escaped."""
    folded = _folded(text)
    firsts = [position for position in (folded.find(term) for term in set(terms) if term) if position >= 0]
    start = max(0, min(firsts) - min(LEAD, width // 3)) if firsts else 0
    end = min(len(text), start + width)
    if end == len(text):
        start = max(0, end - width)
    spans = [
        (span_start + start, span_end + start) for span_start, span_end in _matches(folded[start:end], terms)
    ]
    html = _render(text, spans, start, end)
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 - every piece of text went through escape()
