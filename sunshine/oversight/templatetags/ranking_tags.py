"""``{% ranking_bar line %}`` and ``{% ranking_cells line month %}``: the parts of one agency's bar in
the ranking chart and its cells per indicator in the ranking table (docs/oversight.md#ranking-pages).

A page of a ranking shows 100 agencies × every indicator of the scheme: well over a thousand cells,
each with its figures and (for a month) a link to the rows behind them. Written here rather than with
template tags per cell, they cost a fraction of the page instead of most of it
(``bench/oversight_bench.py``), and the HTML is the same: every text is escaped (once per page for
the indicators' labels, which repeat on every line), numbers are localised as ``{{ n }}`` does, and
the links come from one ``reverse`` per page, the agency and indicator put in per cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.html import escape
from django.utils.safestring import SafeString

from sunshine.oversight.ranking_tables import Line, Part

register = template.Library()

# Stand-ins for the agency and the indicator in the link reversed once per page (neither is an
# agency code nor an indicator code: both start with an underscore).
_AGENCY = "_agency_"
_INDICATOR = "_indicator_"


class _Page:
    """What every line of one rendered page shares: escaped texts, the number format and the link."""

    def __init__(self, month: Any) -> None:
        self.texts: dict[str, str] = {}
        self.reasons: dict[str, str] = {}
        self.links: dict[str, str] = {}
        # escaped, with the agency still to put in
        self.link = (
            str(escape(reverse("oversight_staff:rows", args=[_AGENCY, month, _INDICATOR]))) if month else ""
        )
        # ``localize`` without thousands separators, as the template would render the numbers
        self.plain = not settings.USE_THOUSAND_SEPARATOR
        self.separator = str(get_format("DECIMAL_SEPARATOR"))

    def text(self, value: Any) -> str:
        key = str(value)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = str(escape(key))
        return found

    def number(self, value: int | Decimal) -> str:
        if self.plain and type(value) is int:
            return str(value)
        if self.plain and type(value) is Decimal:
            return f"{value:f}".replace(".", self.separator)
        return str(escape(localize(value)))

    def reason(self, part: Part) -> str:
        found = self.reasons.get(part.reason)
        if found is None:
            found = self.reasons[part.reason] = self.text(part.reason_label)
        return found

    def link_of(self, indicator: str) -> str:
        """The page's link with the indicator put in (escaped; the agency still to put in)."""
        found = self.links.get(indicator)
        if found is None:
            found = self.links[indicator] = self.link.replace(
                _INDICATOR, str(escape(quote(indicator, safe="")))
            )
        return found

    def figure(self, part: Part) -> str:
        if part.is_count:
            return self.number(part.numerator)
        text = f"{self.number(part.numerator)}/{self.number(part.denominator)}"
        return text if part.percent is None else f"{text} ({self.text(part.percent)}%)"


def _page(context: Any, month: Any) -> _Page:
    """The page's shared parts, made once per render (and per month shown)."""
    key = ("ranking_tags", str(month) if month else "")
    cache = context.render_context
    if key not in cache:
        cache[key] = _Page(month)
    page: _Page = cache[key]
    return page


@register.simple_tag(takes_context=True)
def ranking_bar(context: Any, line: Line) -> SafeString:
    """The coloured parts of the line's bar, each with its indicator and points as its title."""
    page = _page(context, None)
    return SafeString(
        "".join(
            f'<rect x="{page.text(segment.x)}" width="{page.text(segment.width)}" height="10" '
            f'fill="{page.text(segment.colour)}"><title>{page.text(segment.label)}: '
            f"{page.number(segment.contribution)}</title></rect>"
            for segment in line.segments
        )
    )


@register.simple_tag(takes_context=True)
def ranking_cells(context: Any, line: Line, month: Any = None) -> SafeString:
    """One ``<td>`` per indicator: its points (or why it is not scored) and its figure, linked to the
    rows behind it when the ranking is of one month."""
    page = _page(context, month)
    agency = str(escape(quote(line.agency.code, safe=""))) if page.link else ""
    cells = []
    for part in line.parts:
        if part.scored:
            points = f'<span class="ranking-points">{page.number(part.contribution)}</span>'
        else:
            points = f'<span class="meta">{page.reason(part)}</span>'
        figure = page.figure(part)
        if agency:
            figure = f'<a href="{page.link_of(part.code).replace(_AGENCY, agency)}">{figure}</a>'
        cells.append(
            f'\n      <td class="num" data-label="{page.text(part.label)}" '
            f'data-code="{page.text(part.code)}" '
            f'data-figure="{page.number(part.numerator)}/{page.number(part.denominator)}">\n'
            f'        {points}\n        <br><span class="meta">{figure}</span>\n      </td>'
        )
    return SafeString("".join(cells))
