"""The layout of a rendered document template: one line is one paragraph, blank lines are ignored,
and a few marks at the start of a line set how the paragraph is laid out.

    # 标题               the title (centred, large)
    ## 编号：Y2026-00001  a centred line under the title
    < 陈小明：            flush left, no indent (the addressee, labels)
    > 阳光市教育局        right-aligned (the sender and the date at the end)
    any other line        a body paragraph, its first line indented by two characters

A line that starts with a backslash is a body paragraph without the backslash: text that people
write (reasons) is escaped that way, so that none of it is taken for a mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Style(Enum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    FLUSH = "flush"
    RIGHT = "right"
    BODY = "body"


MARKS: tuple[tuple[str, Style], ...] = (
    ("## ", Style.SUBTITLE),  # before "# ", which it starts with
    ("# ", Style.TITLE),
    ("< ", Style.FLUSH),
    ("> ", Style.RIGHT),
)
ESCAPE = "\\"


@dataclass(frozen=True)
class Block:
    style: Style
    text: str


def parse(text: str) -> list[Block]:
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(ESCAPE):
            blocks.append(Block(Style.BODY, line[len(ESCAPE) :].strip()))
            continue
        for mark, style in MARKS:
            if line.startswith(mark):
                blocks.append(Block(style, line[len(mark) :].strip()))
                break
        else:
            blocks.append(Block(Style.BODY, line))
    return [block for block in blocks if block.text]


def escape_line(line: str) -> str:
    """``line`` as a body paragraph, whatever it starts with."""
    line = line.strip()
    return ESCAPE + line if line.startswith(("#", "<", ">", ESCAPE)) else line


def escape_lines(text: str) -> str:
    """Text written by a person, one paragraph per non-empty line, none of them read as a mark."""
    return "\n".join(escape_line(line) for line in text.splitlines() if line.strip())


def title_of(blocks: list[Block]) -> str:
    return next((block.text for block in blocks if block.style == Style.TITLE), "")
