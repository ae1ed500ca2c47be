"""Tables 3 and 4 of the annual report, computed from the requests with a few grouped queries.

For year Y (国办公开办函〔2021〕30号, table 3):
- 本年新收: requests received in Y;
- 上年结转: received before 1 January of Y and not concluded before that day;
- each outcome row: requests concluded in Y with that outcome (withdrawn requests count as 其他);
- 结转下年度继续办理: received by 31 December of Y and not concluded by then.
A request is concluded on the day of its reply, withdrawal or closure (``concluded_on``); it is
received on ``received_on``, or on the day it was submitted when receipt was never confirmed.
Table 4 counts the reconsiderations and lawsuits filed in Y by their result on 31 December of Y.
Each table is one grouped query with conditional counts: the rows are read once, never looped over.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from sunshine.annualreports.layout import (
    CARRIED_OVER,
    CARRIED_TO_NEXT_YEAR,
    COLUMN_CODES,
    KIND_CODES,
    NEW_THIS_YEAR,
    OUTCOME_CODES,
    REVIEW_GROUPS,
    REVIEW_RESULT_CODES,
    ROW_CODES,
    TOTAL,
)
from sunshine.inforequests.codes import Outcome, ReviewResult
from sunshine.inforequests.models import InfoRequest, Review

Table = dict[str, dict[str, int]]


def _empty(rows: Iterable[str], columns: Iterable[str]) -> Table:
    columns = tuple(columns)
    return {row: dict.fromkeys(columns, 0) for row in rows}


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _with_receipt(requests: QuerySet[InfoRequest]) -> Any:
    return requests.annotate(receipt=Coalesce(F("received_on"), TruncDate("submitted_at")))


def applications_table(requests: QuerySet[InfoRequest], year: int) -> Table:
    """Table 3 as {row code: {column code: count}} for the given requests (already scoped).

    One grouped query (by applicant kind and outcome) with a conditional count per kind of row: the
    requests are read once, whatever their number."""
    first, last = _year_bounds(year)
    still_open_on = lambda day: Q(concluded_on__isnull=True) | Q(concluded_on__gt=day)  # noqa: E731
    grouped = (
        _with_receipt(requests)
        # Only requests that can count: received by the end of the year and not concluded before it.
        .filter(Q(receipt__lte=last), Q(concluded_on__isnull=True) | Q(concluded_on__gte=first))
        .order_by()
        .values("applicant_kind", "outcome")
        .annotate(
            new=Count("id", filter=Q(receipt__gte=first)),
            carried_over=Count("id", filter=Q(receipt__lt=first)),
            carried_forward=Count("id", filter=still_open_on(last)),
            concluded=Count("id", filter=Q(concluded_on__lte=last)),
        )
    )
    table = _empty(ROW_CODES, COLUMN_CODES)
    for row in grouped:
        kind = row["applicant_kind"]
        if kind not in table[NEW_THIS_YEAR]:
            continue
        table[NEW_THIS_YEAR][kind] += row["new"]
        table[CARRIED_OVER][kind] += row["carried_over"]
        table[CARRIED_TO_NEXT_YEAR][kind] += row["carried_forward"]
        if row["concluded"]:
            outcome = row["outcome"] if row["outcome"] in OUTCOME_CODES else Outcome.OTHER
            table[outcome][kind] += row["concluded"]

    for code in OUTCOME_CODES:
        for column in KIND_CODES:
            table[TOTAL][column] += table[code][column]
    for cells in table.values():
        cells[TOTAL] = sum(cells[column] for column in KIND_CODES)
    return table


def reviews_table(reviews: QuerySet[Review], year: int) -> Table:
    """Table 4 as {kind: {result: count, "total": n}}, each result as it stood on 31 December."""
    first, last = _year_bounds(year)
    as_of_year_end = Case(
        When(result=ReviewResult.PENDING, then=Value(ReviewResult.PENDING)),
        When(decided_on__gt=last, then=Value(ReviewResult.PENDING)),
        default=F("result"),
        output_field=CharField(),
    )
    table = _empty((group.code for group in REVIEW_GROUPS), REVIEW_RESULT_CODES)
    rows = (
        reviews.filter(filed_on__gte=first, filed_on__lte=last)
        .annotate(result_at_year_end=as_of_year_end)
        .order_by()
        .values("kind", "result_at_year_end")
        .annotate(n=Count("id"))
    )
    for row in rows:
        if row["kind"] in table:
            table[row["kind"]][row["result_at_year_end"]] += row["n"]
    for cells in table.values():
        cells[TOTAL] = sum(n for result, n in cells.items() if result != TOTAL)
    return table


def applications_checks(table: Table) -> list[dict[str, Any]]:
    """The format's own checks: 一 + 二 = （七） + 四 per column; 总计 is the sum of the columns;
    （七）总计 is the sum of the outcome rows."""
    return [
        {
            "name": "received_equals_concluded_plus_carried_forward",
            "label": _("I + II = III (7) total + IV, in every column"),
            "ok": all(
                table[NEW_THIS_YEAR][c] + table[CARRIED_OVER][c]
                == table[TOTAL][c] + table[CARRIED_TO_NEXT_YEAR][c]
                for c in COLUMN_CODES
            ),
        },
        {
            "name": "total_column_is_sum_of_applicant_columns",
            "label": _("The total column is the sum of the applicant columns"),
            "ok": all(cells[TOTAL] == sum(cells[c] for c in KIND_CODES) for cells in table.values()),
        },
        {
            "name": "total_row_is_sum_of_outcomes",
            "label": _("(7) Total is the sum of the result rows"),
            "ok": all(table[TOTAL][c] == sum(table[o][c] for o in OUTCOME_CODES) for c in COLUMN_CODES),
        },
    ]


def reviews_checks(table: Table) -> list[dict[str, Any]]:
    return [
        {
            "name": "review_totals_are_sums_of_results",
            "label": _("Each total of table 4 is the sum of its results"),
            "ok": all(
                cells[TOTAL] == sum(n for result, n in cells.items() if result != TOTAL)
                for cells in table.values()
            ),
        }
    ]
