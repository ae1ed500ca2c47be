"""Breaking Chinese text into lines for the PDF, with the usual rules of Chinese typesetting (禁则):
no closing punctuation at the start of a line, no opening bracket at its end, and Latin words and
numbers kept whole where they fit on a line."""

from __future__ import annotations

from collections.abc import Callable

# Characters that may not start a line (closing punctuation) or end one (opening brackets).
NO_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}")
NO_END = frozenset("（《「『【〔〈“‘([{")


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-_./@")


def _break_at(text: str, fit: int) -> int:
    """Where to break ``text`` whose first ``fit`` characters fit on the line (0 < fit < len)."""
    cut = fit
    # Keep a Latin word or a number whole, unless it is longer than the line.
    if _is_word_char(text[cut - 1]) and _is_word_char(text[cut]):
        start = cut
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        if start > 0:
            cut = start
    # Pull characters down to the next line while the rules would be broken (at most a few).
    for _ in range(3):
        if cut > 1 and (text[cut] in NO_START or text[cut - 1] in NO_END):
            cut -= 1
        else:
            break
    return cut


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The lines of ``text`` no wider than ``width`` (each at least one character)."""
    lines: list[str] = []
    rest = text
    while rest:
        if measure(rest) <= width:
            lines.append(rest)
            break
        fit = 1
        while fit < len(rest) and measure(rest[: fit + 1]) <= width:
            fit += 1
        cut = _break_at(rest, fit) if fit < len(rest) else fit
        line, rest = rest[:cut].rstrip(), rest[cut:].lstrip(" ")
        lines.append(line)
    return lines
