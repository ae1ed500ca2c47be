"""The demo's assessment (监督考核): one scheme over the city's agencies, its ranking of the month just
ended (published on the portal) and of the running quarter (not published), through the services.

The demo's agencies are created when the demo is loaded; so that they are assessed like agencies that
have long existed, their creation moments are moved to the start of the year first (demo only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.oversight import rankings
from sunshine.oversight.models import AssessmentScheme, Ranking
from sunshine.oversight.periods import current_period, parse_span, spans_of
from sunshine.oversight.rankings import ItemInput

CODE = "yg-disclosure"
ITEMS = (
    ItemInput("records_published", Decimal(15), "higher", Decimal(5), 0),
    ItemInput("records_late", Decimal(20), "lower", Decimal(0), 1),
    ItemInput("categories_stale", Decimal(10), "lower", Decimal(0), 1),
    ItemInput("categories_blank", Decimal(10), "lower", Decimal("0.2"), 1),
    ItemInput("requests_on_time", Decimal(20), "higher", Decimal(1), 2),
    ItemInput("letters_on_time", Decimal(10), "higher", Decimal(1), 2),
    ItemInput("cases_on_time", Decimal(10), "higher", Decimal(1), 2),
    ItemInput("satisfaction", Decimal(5), "higher", Decimal("0.9"), 2),
)


@dataclass(frozen=True)
class OversightResult:
    scheme: AssessmentScheme
    published: Ranking
    running: str


def _previous_month() -> str:
    first = current_period().first
    last = first - datetime.timedelta(days=1)
    return f"{last:%Y-%m}"


def load_oversight() -> OversightResult:
    root = Agency.objects.filter(code="YG").first()
    office = get_user_model().objects.filter(username="office").first()
    if root is None or office is None:
        raise LookupError("Run demo_data first: the agency YG and the user office are missing.")
    year_start = timezone.make_aware(datetime.datetime(timezone.localdate().year, 1, 1))
    Agency.objects.filter(created_at__gt=year_start).update(created_at=year_start)
    scheme = AssessmentScheme.objects.filter(code=CODE).order_by("-version").first()
    if scheme is None:
        scheme = rankings.save_scheme(
            by=office,
            code=CODE,
            name="阳光市政务公开工作考核",
            root=root,
            scope="subtree",
            effective_from=year_start.date(),
            newcomer_months=3,
            items=ITEMS,
            notes="按月、季度、年度计分排名；低于最低数量的指标不计分。",
        )
    month = parse_span(_previous_month())
    if month is None:  # pragma: no cover - a month's label always parses
        raise LookupError(_previous_month())
    running = spans_of(current_period())[1]  # the running quarter
    published = rankings.current_ranking(scheme, month)
    if published.published_at is None:
        published = rankings.publish_ranking(published, by=office)
    rankings.current_ranking(scheme, running)
    return OversightResult(scheme=scheme, published=published, running=running.label)
