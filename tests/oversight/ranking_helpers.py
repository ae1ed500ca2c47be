"""A scheme over the test tree for the ranking tests: every agency added long before the test month
(so none is a newcomer unless a test says so)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sunshine.agencies.models import Agency
from sunshine.oversight.models import AssessmentScheme
from sunshine.oversight.rankings import ItemInput, save_scheme
from tests.records.conftest import at

ITEMS = (
    # records published late: lower is better, full points at 0 %, scored from 1 record
    ItemInput("records_late", Decimal(40), "lower", Decimal(0), 1),
    # requests replied on time: full points at 100 %, scored from 2 requests
    ItemInput("requests_on_time", Decimal(60), "higher", Decimal(1), 2),
    # letters replied on time: scored from 3 letters (the Education Bureau has 2)
    ItemInput("letters_on_time", Decimal(20), "higher", Decimal(1), 3),
)


def age_the_tree() -> None:
    Agency.objects.update(created_at=at(datetime.date(2025, 1, 1)))


def city_scheme(by, root, items=ITEMS, newcomer_months: int = 3, **extra) -> AssessmentScheme:
    return save_scheme(
        by=by,
        code=extra.pop("code", "city-2026"),
        name=extra.pop("name", "阳光市政务公开考核"),
        root=root,
        scope=extra.pop("scope", "subtree"),
        effective_from=extra.pop("effective_from", datetime.date(2026, 1, 1)),
        newcomer_months=newcomer_months,
        items=items,
        **extra,
    )
