"""Bar charts of the results as server-side SVG: readable without JavaScript, each with a <title>,
and shown beside a table of the same figures."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from sunshine.surveys.selectors import QuestionResult

ROW = 28
LABEL_WIDTH = 160
BAR_WIDTH = 220
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(result: QuestionResult, title: str) -> SafeString:
    """An inline <svg> of horizontal bars, one per option or point of the scale."""
    height = ROW * len(result.bars) + 8
    rows = format_html_join(
        "",
        '<g><text x="0" y="{}" font-size="13">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="18" rx="2" fill="#2f6fb0"></rect>'
        '<text x="{}" y="{}" font-size="13">{} ({}%)</text></g>',
        (
            (
                i * ROW + 18,
                _short(bar.label),
                LABEL_WIDTH,
                i * ROW + 4,
                round(BAR_WIDTH * bar.percent / 100),
                LABEL_WIDTH + round(BAR_WIDTH * bar.percent / 100) + 6,
                i * ROW + 18,
                bar.count,
                bar.percent,
            )
            for i, bar in enumerate(result.bars)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'aria-labelledby="chart-{}-title"><title id="chart-{}-title">{}</title>{}</svg>',
        WIDTH,
        height,
        result.question.pk,
        result.question.pk,
        title,
        rows,
    )
