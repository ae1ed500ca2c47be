"""The last years of an agency at a glance: applications received, outcome mix and on-time rate,
drawn as an SVG on the server (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.annualreports.layout import NEW_THIS_YEAR, TOTAL
from sunshine.annualreports.report import Scope, compute_report
from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.statistics import request_statistics

# Outcome groups in the order of table 3, each with its colour (colour-blind safe palette).
GROUPS: tuple[tuple[str, str | Promise, str, tuple[str, ...]], ...] = (
    ("disclosed", _("Disclosed"), "#2b6cb0", (Outcome.DISCLOSED,)),
    ("partial", _("Partially disclosed"), "#63b3ed", (Outcome.PARTIALLY_DISCLOSED,)),
    ("withheld", _("Withheld"), "#dd6b20", tuple(o for o in Outcome.values if o.startswith("withheld_"))),
    (
        "unavailable",
        _("Cannot be provided"),
        "#b7791f",
        tuple(o for o in Outcome.values if o.startswith("unavailable_")),
    ),
    (
        "not_processed",
        _("Not processed"),
        "#805ad5",
        tuple(o for o in Outcome.values if o.startswith("not_processed_")),
    ),
    (
        "other",
        _("Other handling"),
        "#718096",
        (Outcome.OTHER_CORRECTION_OVERDUE, Outcome.OTHER_FEE_UNPAID, Outcome.OTHER),
    ),
)


@dataclass(frozen=True)
class Segment:
    key: str
    label: str | Promise
    colour: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class YearBar:
    year: int
    received: int
    handled: int
    on_time_percent: float | None
    on_time_numerator: int
    on_time_denominator: int
    x: float
    received_y: float
    received_height: float
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: list[YearBar]
    legend: tuple[tuple[str, str | Promise, str], ...]
    maximum: int


def history_chart(agency: Agency, last_year: int, scope: str = Scope.SELF, years: int = 5) -> Chart:
    width, height, top, bottom, left = 640, 260, 16.0, 220.0, 40.0
    rows = []
    for year in range(last_year - years + 1, last_year + 1):
        report = compute_report(agency, year, scope)
        stats = request_statistics(agency=agency, year=year, include_subtree=scope == Scope.TREE)
        counts = {key: sum(report.applications[o][TOTAL] for o in codes) for key, _l, _c, codes in GROUPS}
        rows.append(
            (
                year,
                report.applications[NEW_THIS_YEAR][TOTAL],
                report.applications[TOTAL][TOTAL],
                counts,
                stats,
            )
        )
    maximum = max([1] + [max(r[1], r[2]) for r in rows])
    scale = (bottom - top) / maximum
    slot = (width - left) / len(rows)
    bars = []
    for index, (year, received, handled, counts, stats) in enumerate(rows):
        x = left + index * slot + slot * 0.15
        segments = []
        cursor = bottom
        for key, label, colour, _codes in GROUPS:
            h = counts[key] * scale
            cursor -= h
            segments.append(Segment(key, label, colour, counts[key], round(cursor, 1), round(h, 1)))
        bars.append(
            YearBar(
                year=year,
                received=received,
                handled=handled,
                on_time_percent=stats.on_time.percent,
                on_time_numerator=stats.on_time.numerator,
                on_time_denominator=stats.on_time.denominator,
                x=round(x, 1),
                received_y=round(bottom - received * scale, 1),
                received_height=round(received * scale, 1),
                segments=segments,
            )
        )
    return Chart(
        width=width,
        height=height,
        baseline=bottom,
        bars=bars,
        legend=tuple((key, label, colour) for key, label, colour, _codes in GROUPS),
        maximum=maximum,
    )
