"""The flow chart of a service guide, drawn on the server as SVG from its steps (docs/eservices.md).

A column of boxes, one per step in order, between a start and an end, joined by arrows. Each box
reads the step's number and name, then who takes it and its time limit. Every text is a real
``<text>`` element (in a font family that has Chinese characters), so the chart reads without
JavaScript, prints, zooms and can be searched; ``role="img"`` with ``<title>`` and ``<desc>`` lists
the steps for screen readers. Long names wrap: a Chinese character counts as one em, other
characters as half of one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from sunshine.eservices.models import Version

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', 'Hiragino Sans GB', SimHei, sans-serif"
)
WIDTH = 360
BOX_X = 30
BOX_WIDTH = WIDTH - 2 * BOX_X
PADDING = 12
FONT_SIZE = 15
SMALL_SIZE = 13
LINE = 20
SMALL_LINE = 18
ARROW = 34
TERMINAL_HEIGHT = 36
MAX_LINES = 4


@dataclass(frozen=True)
class FlowStep:
    name: str
    role: str
    days: int


def _em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def wrap(text: str, width_em: float, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` in lines of at most ``width_em`` ems (the last one ends in … when cut)."""
    lines: list[str] = []
    current, used = "", 0.0
    for ch in " ".join(text.split()):
        if used + _em(ch) > width_em:
            lines.append(current.rstrip())
            current, used = "", 0.0
            if ch == " ":
                continue
        current += ch
        used += _em(ch)
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines or [""]


def _detail(step: FlowStep) -> str:
    limit = (
        ngettext("%(n)d working day", "%(n)d working days", step.days) % {"n": step.days}
        if step.days
        else _("on the spot")
    )
    return f"{step.role} · {limit}" if step.role else limit


def describe(name: str, steps: Sequence[FlowStep]) -> str:
    """The chart in words: the ``<desc>`` of the SVG and its text alternative."""
    parts = [f"{n}. {step.name} ({_detail(step)})" for n, step in enumerate(steps, start=1)]
    return _("The steps of “%(name)s”, in order: %(steps)s.") % {"name": name, "steps": "; ".join(parts)}


def _text(
    x: float, y: float, content: str, *, size: int, weight: str = "normal", anchor: str = "middle"
) -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="#1b1f24">{escape(content)}</text>'
    )


def _arrow(y: float) -> str:
    x = WIDTH / 2
    end = y + ARROW
    return (
        f'<line x1="{x:g}" y1="{y:g}" x2="{x:g}" y2="{end - 7:g}" stroke="#444" stroke-width="2"/>'
        f'<path d="M{x - 6:g},{end - 9:g} L{x + 6:g},{end - 9:g} L{x:g},{end:g} Z" fill="#444"/>'
    )


def _terminal(y: float, label: str) -> str:
    return (
        f'<rect x="{WIDTH / 2 - 70:g}" y="{y:g}" width="140" height="{TERMINAL_HEIGHT}" rx="18" '
        f'fill="#eef4fb" stroke="#1d4f91" stroke-width="2"/>'
        + _text(WIDTH / 2, y + TERMINAL_HEIGHT / 2 + 5, label, size=FONT_SIZE, weight="bold")
    )


def render(name: str, steps: Sequence[FlowStep], *, id_prefix: str = "flow", standalone: bool = False) -> str:
    """The SVG of the flow chart. ``id_prefix`` keeps the ids of ``<title>`` and ``<desc>`` unique
    in a page; ``standalone`` adds the XML declaration for the ``flow.svg`` download."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    width_em = (BOX_WIDTH - 2 * PADDING) / FONT_SIZE
    small_em = (BOX_WIDTH - 2 * PADDING) / SMALL_SIZE
    parts: list[str] = []
    y = 10.0
    parts.append(_terminal(y, pgettext("flow chart", "Application")))
    y += TERMINAL_HEIGHT
    for n, step in enumerate(steps, start=1):
        parts.append(_arrow(y))
        y += ARROW
        name_lines = wrap(f"{n}. {step.name}", width_em)
        detail_lines = wrap(_detail(step), small_em, 2)
        height = PADDING * 2 + LINE * len(name_lines) + SMALL_LINE * len(detail_lines)
        parts.append(
            f'<rect x="{BOX_X}" y="{y:g}" width="{BOX_WIDTH}" height="{height:g}" rx="6" '
            f'fill="#ffffff" stroke="#1d4f91" stroke-width="2"/>'
        )
        line_y = y + PADDING + FONT_SIZE
        for line in name_lines:
            parts.append(_text(WIDTH / 2, line_y, line, size=FONT_SIZE, weight="bold"))
            line_y += LINE
        for line in detail_lines:
            parts.append(_text(WIDTH / 2, line_y - 2, line, size=SMALL_SIZE))
            line_y += SMALL_LINE
        y += height
    parts.append(_arrow(y))
    y += ARROW
    parts.append(_terminal(y, _("Done")))
    total = y + TERMINAL_HEIGHT + 10
    title = _("Flow chart: %(name)s") % {"name": name}
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {total:g}" width="{WIDTH}" height="{total:g}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT_FAMILY)}>'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(describe(name, steps))}</desc>' + "".join(parts) + "</svg>"
    )


def for_version(version: Version, *, standalone: bool = False) -> str:
    """The chart of a version (its ``steps`` in order)."""
    steps = [FlowStep(s.name, s.role, s.days) for s in version.steps.all()]
    return render(version.name, steps, id_prefix=f"flow-{version.item.code}", standalone=standalone)
