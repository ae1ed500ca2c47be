"""The statistics of the ratings answer the same JSON as the hand-built dictionary they answered
before the response was typed: every key (``from`` and ``to`` among them), every value."""

from __future__ import annotations

from sunshine.evaluations import api
from sunshine.evaluations.statistics import evaluation_statistics
from tests.api_shapes import as_sent
from tests.evaluations.conftest import D
from tests.evaluations.test_statistics import rate_some


def expected(**filters):
    found = evaluation_statistics(**filters)
    return as_sent(
        {
            "from": found.date_from,
            "to": found.date_to,
            "total": api._figures(found.total),
            "agencies": [api._figures(f) for f in found.rows],
        }
    )


def test_the_statistics_answer_the_period_the_total_and_each_agency(
    client, decided, licence, alice, olga, today
):
    rate_some(decided, licence, alice, olga)
    answer = client.get("/api/v1/evaluations/statistics?from=2026-11-01&to=2026-11-30").json()
    assert answer == expected(date_from=D(2026, 11, 1), date_to=D(2026, 11, 30))
    assert (answer["from"], answer["to"], answer["total"]["agency"]) == ("2026-11-01", "2026-11-30", None)
    assert set(answer["agencies"][0]["agency"]) == {"code", "name"}
    assert answer["agencies"][0]["satisfaction"]["percent"] == "50.0"


def test_without_a_period_or_ratings_the_dates_and_the_rate_are_null(client, tree):
    answer = client.get("/api/v1/evaluations/statistics").json()
    assert answer == expected()
    assert (answer["from"], answer["to"]) == (None, None)
    assert answer["total"]["satisfaction"] == {"numerator": 0, "denominator": 0, "percent": None}
