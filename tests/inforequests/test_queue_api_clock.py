"""The staff queue's API reads each request's clock as the queue page does (inforequests.clock):
a concluded request has no working days left to count."""

from __future__ import annotations

import pytest

from tests.api_helpers import bearer, token_for
from tests.backoffice import D, act, fixed_today, paper_request


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


def test_a_replied_request_has_no_working_days_left_in_the_queue_api(client, alice, tree):
    open_request = paper_request(tree["education"], D(2026, 9, 15))
    replied = act(
        paper_request(tree["education"], D(2026, 9, 16)), "reply", D(2026, 9, 30), outcome="disclosed"
    )
    response = client.get("/api/v1/staff/requests?status=all", **bearer(token_for(client, "alice")))
    assert response.status_code == 200, response.content
    rows = {row["id"]: row for row in response.json()["results"]}
    assert rows[replied.pk]["state"] == "concluded"
    assert rows[replied.pk]["remaining_working_days"] is None
    assert isinstance(rows[open_request.pk]["remaining_working_days"], int)
