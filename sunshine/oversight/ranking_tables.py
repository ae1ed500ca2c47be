"""A ranking as the pages, the API and the XLSX export read it (docs/oversight.md#ranking-pages): one
line per agency with its parts per indicator, the bars of the chart and the workbook."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sunshine.agencies.models import Agency
from sunshine.core.spreadsheets import safe_cell
from sunshine.oversight.indicators import INDICATORS
from sunshine.oversight.models import AssessmentScheme, EntryStatus, Ranking, RankingEntry, SchemeItem
from sunshine.oversight.rankings import entries_of

PAGE_SIZE = 100  # agencies a page of a ranking
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Calm, distinguishable colours for the indicators' parts of a bar (in the order of the scheme).
PALETTE = (
    "#1d5f8a",
    "#3b8b5a",
    "#b7791f",
    "#7b4f9d",
    "#2a9d8f",
    "#c05a3c",
    "#5a6f8f",
    "#8a9a2f",
    "#a23b72",
    "#4d7ea8",
    "#6b705c",
    "#d08c60",
    "#3d5a80",
    "#9c6644",
)


@dataclass(frozen=True)
class Part:
    code: str
    label: str
    colour: str
    weight: Decimal
    numerator: int
    denominator: int
    value: Decimal | None
    scored: bool
    reason: str
    points: Decimal
    contribution: Decimal
    is_count: bool

    @property
    def percent(self) -> str | None:
        if self.is_count or self.value is None:
            return None
        return f"{self.value * 100:.1f}"

    @property
    def reason_label(self) -> str:
        if self.reason == "no_data":
            return _("nothing to measure")
        if self.reason == "below_minimum":
            return _("below the minimum count")
        return ""


@dataclass(frozen=True)
class Segment:
    x: Decimal
    width: Decimal
    colour: str
    label: str
    contribution: Decimal


@dataclass(frozen=True)
class Line:
    position: int | None
    agency: Agency
    score: Decimal | None
    status: str
    status_label: str
    parts: list[Part]

    @property
    def segments(self) -> list[Segment]:
        """The parts of the bar, in points out of 100, left to right."""
        x = Decimal(0)
        found: list[Segment] = []
        for part in self.parts:
            if part.scored and part.contribution > 0:
                found.append(Segment(x, part.contribution, part.colour, part.label, part.contribution))
                x += part.contribution
        return found


def legend(ranking: Ranking) -> list[tuple[str, str, str]]:
    """(code, label, colour) of the scheme's indicators, in its order."""
    return [
        (item.indicator, str(INDICATORS[item.indicator].label), PALETTE[index % len(PALETTE)])
        for index, item in enumerate(ranking.scheme.items.all())
        if item.indicator in INDICATORS
    ]


def scheme_items(scheme: AssessmentScheme) -> list[tuple[str, SchemeItem]]:
    """(label, item) of a scheme's indicators, for the rules shown beside a ranking."""
    return [
        (str(INDICATORS[item.indicator].label) if item.indicator in INDICATORS else item.indicator, item)
        for item in scheme.items.all()
    ]


def lines(ranking: Ranking, entries: list[RankingEntry]) -> list[Line]:
    colours = {code: (label, colour) for code, label, colour in legend(ranking)}
    statuses = dict(EntryStatus.choices)
    found: list[Line] = []
    for entry in entries:
        parts = []
        for raw in entry.contributions:
            code = raw["code"]
            label, colour = colours.get(code, (code, PALETTE[-1]))
            indicator = INDICATORS.get(code)
            parts.append(
                Part(
                    code=code,
                    label=label,
                    colour=colour,
                    weight=Decimal(raw["weight"]),
                    numerator=int(raw["numerator"]),
                    denominator=int(raw["denominator"]),
                    value=None if raw["value"] is None else Decimal(raw["value"]),
                    scored=bool(raw["scored"]),
                    reason=str(raw["reason"]),
                    points=Decimal(raw["points"]),
                    contribution=Decimal(raw["contribution"]),
                    is_count=bool(indicator and indicator.is_count),
                )
            )
        found.append(
            Line(
                position=entry.position,
                agency=entry.agency,
                score=entry.score,
                status=entry.status,
                status_label=str(statuses.get(entry.status, entry.status)),
                parts=parts,
            )
        )
    return found


def as_json(line: Line) -> dict[str, Any]:
    """One agency of a ranking in the API."""
    return {
        "rank": line.position,
        "agency": line.agency.code,
        "name": line.agency.display_name,
        "score": None if line.score is None else float(line.score),
        "status": line.status,
        "contributions": [
            {
                "code": part.code,
                "label": part.label,
                "weight": float(part.weight),
                "numerator": part.numerator,
                "denominator": part.denominator,
                "value": None if part.value is None else float(part.value),
                "scored": part.scored,
                "reason": part.reason,
                "points": float(part.points),
                "contribution": float(part.contribution),
            }
            for part in line.parts
        ],
    }


def title_of(ranking: Ranking) -> str:
    return _("%(scheme)s — ranking of %(period)s") % {"scheme": ranking.scheme.name, "period": ranking.period}


def ranking_xlsx(ranking: Ranking, found: list[Line]) -> bytes:
    """One sheet: a title line, the header (rank, agency, score, then per indicator its figure and its
    contribution), one row per agency."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Ranking")[:31]
    sheet.append([safe_cell(title_of(ranking))])
    sheet["A1"].font = Font(bold=True)
    header = [_("Rank"), _("Agency code"), _("Agency"), _("Score"), _("Status")]
    codes = legend(ranking)
    for _code, label, _colour in codes:
        header += [
            _("%(indicator)s: numerator") % {"indicator": label},
            _("%(indicator)s: denominator") % {"indicator": label},
            _("%(indicator)s: points out of 100") % {"indicator": label},
        ]
    sheet.append([safe_cell(v) for v in header])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in found:
        row: list[Any] = [
            line.position,
            line.agency.code,
            line.agency.display_name,
            None if line.score is None else float(line.score),
            line.status_label,
        ]
        parts = {part.code: part for part in line.parts}
        for code, _label, _colour in codes:
            part = parts.get(code)
            if part is None:
                row += [None, None, None]
            else:
                row += [part.numerator, part.denominator, float(part.contribution) if part.scored else None]
        sheet.append([safe_cell(v) for v in row])
    sheet.column_dimensions["C"].width = 32
    sheet.freeze_panes = "D3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_download(found: Ranking, name: str) -> HttpResponse:
    """The ranking's workbook as a download named ``name``."""
    content = ranking_xlsx(found, lines(found, list(entries_of(found))))
    response = HttpResponse(content, content_type=XLSX)
    disposition = content_disposition_header(as_attachment=True, filename=name)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    return response
