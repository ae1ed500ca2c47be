"""The freshness of every column (catalogue category) by the rules of the national norms, computed
from the database (docs/sitehealth.md#columns): exact, whatever the crawl reached.

- a news column (动态类: a key of ``SUNSHINE_SITEHEALTH_DYNAMIC_KEYS``, or any column expected to be
  updated every 14 days or more often) with nothing published for 14 days is a veto item;
- a notice or policy column (``SUNSHINE_SITEHEALTH_NOTICE_POLICY_KEYS``) with nothing published for
  six calendar months is a veto item;
- any column past its own expected interval (``Category.interval_days``) is a warning;
- a column with nothing published at all is blank: a veto item for news, notice and policy columns,
  and for every blank column of an agency with more than ``SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO`` of
  them; a warning otherwise.

A column with sub-columns is as fresh as the freshest of them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.letters.red_mark import add_months
from sunshine.records.models import Category
from sunshine.records.selectors import published_records
from sunshine.sitehealth import config
from sunshine.sitehealth.codes import ColumnClass, Kind, Severity

NEWS_DAYS = 14
NOTICE_POLICY_MONTHS = 6


@dataclass(frozen=True)
class Column:
    category: Category
    last_published: datetime.datetime | None
    column_class: ColumnClass
    kind: Kind | None  # None: fresh
    severity: Severity | None

    @property
    def is_veto(self) -> bool:
        return self.severity == Severity.VETO


def column_class(category: Category) -> ColumnClass:
    if category.key in config.dynamic_keys() or (
        category.interval_days is not None and category.interval_days <= NEWS_DAYS
    ):
        return ColumnClass.DYNAMIC
    if category.key in config.notice_policy_keys():
        return ColumnClass.NOTICE_POLICY
    return ColumnClass.OTHER


def judge(
    category: Category, last: datetime.datetime | None, today: datetime.date
) -> tuple[ColumnClass, Kind | None, Severity | None]:
    kind_of = column_class(category)
    if last is None:
        severity = Severity.WARNING if kind_of == ColumnClass.OTHER else Severity.VETO
        return kind_of, Kind.BLANK_COLUMN, severity
    day = timezone.localtime(last).date()
    if kind_of == ColumnClass.DYNAMIC and day < today - datetime.timedelta(days=NEWS_DAYS):
        return kind_of, Kind.DYNAMIC_STALE, Severity.VETO
    if kind_of == ColumnClass.NOTICE_POLICY and day < add_months(today, -NOTICE_POLICY_MONTHS):
        return kind_of, Kind.NOTICE_POLICY_STALE, Severity.VETO
    if category.interval_days is not None and (today - day).days > category.interval_days:
        return kind_of, Kind.COLUMN_STALE, Severity.WARNING
    return kind_of, None, None


def columns(today: datetime.date, agencies: QuerySet[Agency] | None = None) -> list[Column]:
    """Every column in use of the active agencies (or of ``agencies``), in catalogue order, judged
    ``today``. Two queries, whatever the number of agencies."""
    scope = Agency.objects.filter(is_active=True)
    if agencies is not None:
        scope = scope.filter(pk__in=agencies.values("pk"))
    last: dict[int, datetime.datetime] = {
        row["category"]: row["last"]
        for row in published_records()
        .filter(category__agency__in=scope.values("pk"))
        .order_by()
        .values("category")
        .annotate(last=Max("published_at"))
    }
    rows = list(
        Category.objects.filter(agency__in=scope.values("pk"), is_active=True)
        .select_related("agency")
        .order_by("agency__path", "sort_order", "pk")
    )
    for category in rows:  # a column is as fresh as the freshest of its sub-columns
        if category.parent_id is not None and category.pk in last:
            current = last.get(category.parent_id)
            mine = last[category.pk]
            last[category.parent_id] = max(current, mine) if current else mine
    judged = [Column(c, last.get(c.pk), *judge(c, last.get(c.pk), today)) for c in rows]
    blanks: dict[int, int] = {}
    for column in judged:
        if column.kind == Kind.BLANK_COLUMN:
            blanks[column.category.agency_id] = blanks.get(column.category.agency_id, 0) + 1
    limit = config.blank_columns_veto()
    return [
        Column(c.category, c.last_published, c.column_class, c.kind, Severity.VETO)
        if c.kind == Kind.BLANK_COLUMN and blanks[c.category.agency_id] > limit
        else c
        for c in judged
    ]


def home_last_published() -> datetime.datetime | None:
    """The latest publication the home page shows (its list of the latest records of every agency)."""
    return published_records().order_by().aggregate(last=Max("published_at"))["last"]


def home_is_stale(last: datetime.datetime | None, today: datetime.date) -> bool:
    return last is None or timezone.localtime(last).date() < today - datetime.timedelta(days=NEWS_DAYS)
