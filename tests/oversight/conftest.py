"""Fixtures of the oversight tests: a test month (November 2026, which has no holiday) built through
the services of records, requests and letters, with every row it holds named so that the tests count
the indicators independently.

The Education Bureau in November 2026:

- records: ``on_time`` (formed 2 Nov, due 30 Nov, published 10 Nov), ``late`` (formed 12 Oct, due
  9 Nov, published 20 Nov), ``policy`` (needs an interpretation, none published, on time); ``october``
  published 15 Sep in ``plans`` (before the month); Finance publishes ``finance`` in November;
- catalogue: every category exists since 1 January 2026; ``notices`` and ``plans`` are expected to
  be updated every 30 days: ``plans`` is stale (last publication 15 Sep), ``notices`` is not;
- requests: ``r_on_time`` received 2 Nov and replied 20 Nov (due 30 Nov); ``r_late`` received 8 Oct
  and replied 10 Nov after its due date; ``r_open`` received 16 Nov, not replied;
- letters: ``l_on_time`` received 2 Nov, replied 5 Nov; ``l_late`` received 30 Sep (due 27 Oct),
  replied 3 Nov; rated satisfied and dissatisfied on 6 Nov.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from sunshine.records.models import Category
from tests.inforequests.conftest import applicant, submit, wanted  # noqa: F401
from tests.letters.conftest import answered, write, writer  # noqa: F401
from tests.records.conftest import at, make_draft, publish_now

D = datetime.date
NOVEMBER = "2026-11"


@pytest.fixture
def month(tree, olga, alice, submit, answered, replies_without_review) -> dict[str, Any]:  # noqa: F811
    from sunshine.inforequests.codes import Outcome
    from sunshine.inforequests.services import perform_action
    from sunshine.letters import feedback

    education = tree["education"]
    Category.objects.filter(agency__in=[education, tree["finance"]]).update(created_at=at(D(2026, 1, 1)))
    Category.objects.filter(agency=education, key__in=["notices", "plans"]).update(interval_days=30)
    rows: dict[str, Any] = {}

    rows["on_time"] = publish_now(make_draft(education, formation_date=D(2026, 11, 2)), at(D(2026, 11, 10)))
    rows["late"] = publish_now(
        make_draft(education, title="迟发的通知", formation_date=D(2026, 10, 12)), at(D(2026, 11, 20))
    )
    rows["policy"] = publish_now(
        make_draft(
            education,
            title="需要解读的政策文件",
            formation_date=D(2026, 11, 2),
            category_key="normative_documents",
            needs_interpretation=True,
        ),
        at(D(2026, 11, 12)),
    )
    rows["october"] = publish_now(
        make_draft(education, title="九月的规划", formation_date=D(2026, 9, 14), category_key="plans"),
        at(D(2026, 9, 15)),
    )
    rows["finance"] = publish_now(
        make_draft(tree["finance"], title="财政局的通知", formation_date=D(2026, 11, 2)), at(D(2026, 11, 3))
    )

    def act(request, action, day, **fields):
        return perform_action(request=request, action=action, by=olga, date=day, today=day, **fields)

    r_on_time, _ = submit(D(2026, 11, 2))
    rows["r_on_time"] = act(r_on_time, "reply", D(2026, 11, 20), outcome=Outcome.DISCLOSED)
    r_late, _ = submit(D(2026, 10, 8))
    rows["r_late"] = act(r_late, "reply", D(2026, 11, 10), outcome=Outcome.DISCLOSED)
    rows["r_open"], _ = submit(D(2026, 11, 16))

    rows["l_on_time"], _ = answered(D(2026, 11, 2), D(2026, 11, 5))
    rows["l_late"], _ = answered(D(2026, 9, 30), D(2026, 11, 3))
    feedback.rate_reply(letter=rows["l_on_time"], rating="satisfied", today=D(2026, 11, 6))
    feedback.rate_reply(letter=rows["l_late"], rating="dissatisfied", today=D(2026, 11, 6))
    return rows
