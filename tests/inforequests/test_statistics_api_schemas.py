"""The public statistics of requests answer through a typed schema (named in the OpenAPI document)
and the JSON is exactly what ``statistics_data`` gives: the figures, the on-time ratio with both of
its parts and its rate (null without replies), and the outcomes by code."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ninja.responses import NinjaJSONEncoder

from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.statistics import request_statistics
from sunshine.inforequests.statistics_api import statistics_data
from tests.backoffice import D, act, fixed_today, paper_request

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")

URL = "/api/v1/statistics/requests"


@pytest.fixture(autouse=True)
def today():
    with fixed_today(D(2026, 11, 20)) as day:
        yield day


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=NinjaJSONEncoder))


@pytest.fixture
def replied(tree, alice):
    """Two replies of 2026 (one on time, one late), a withdrawal, one below the bureau, one open."""
    on_time = paper_request(tree["education"], D(2026, 3, 2))
    act(on_time, "reply", D(2026, 3, 20), by=alice, outcome=Outcome.DISCLOSED)
    late = paper_request(tree["education"], D(2026, 3, 2))
    act(late, "reply", D(2026, 4, 15), by=alice, outcome=Outcome.WITHHELD_THIRD_PARTY, reasons="第十五条")
    withdrawn = paper_request(tree["education"], D(2026, 5, 4))
    act(withdrawn, "withdraw", D(2026, 5, 6))
    paper_request(tree["edu_office"], D(2026, 6, 1))
    paper_request(tree["education"], D(2026, 11, 2))


@pytest.mark.parametrize("subtree", [False, True])
def test_the_figures_are_the_presenters_json(client, tree, replied, subtree):
    response = client.get(URL, {"agency": "CITY-EDU", "year": "2026", "subtree": str(subtree).lower()})
    assert response.status_code == 200, response.content
    figures = request_statistics(agency=tree["education"], year=2026, include_subtree=subtree)
    assert response.json() == plain(statistics_data(figures))
    assert response.json()["on_time"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert response.json()["subtree"] is subtree
    assert response.json()["received"] == (5 if subtree else 4)


def test_a_year_without_replies_answers_a_null_rate_and_no_outcomes(client, tree, replied):
    response = client.get(URL, {"agency": "CITY-EDU", "year": "2025"})
    figures = request_statistics(agency=tree["education"], year=2025)
    assert response.json() == plain(statistics_data(figures))
    assert response.json()["on_time"]["rate"] is None
    assert response.json()["outcomes"] == plain(figures.outcomes)


def test_the_year_defaults_to_this_year(client, tree, replied):
    response = client.get(URL, {"agency": "CITY-EDU"})
    figures = request_statistics(agency=tree["education"], year=2026)
    assert response.json() == plain(statistics_data(figures))


def test_the_openapi_document_names_the_schema(client, db):
    document = client.get("/api/v1/openapi.json").json()
    answer = document["paths"]["/api/v1/statistics/requests"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/RequestStatisticsOut")
    schemas = document["components"]["schemas"]
    assert set(schemas["RequestStatisticsOut"]["properties"]) == {
        "agency",
        "year",
        "subtree",
        "received",
        "replied",
        "on_time",
        "outcomes",
    }
    assert schemas["RatioOut"]["properties"]["rate"]["anyOf"][1] == {"type": "null"}
