"""``GET /api/v1/oversight/rankings?scheme=&period=``: ranked agencies with their score and the
contribution of each indicator, for the disclosure office and supervisors of the scheme's tree."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.oversight.ranking_helpers import age_the_tree, city_scheme


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


def logged_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_ranking_lists_agencies_by_score_with_each_contribution(month, tree, olga):
    age_the_tree()
    city_scheme(olga, tree["city"])

    response = logged_in(olga).get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2026-11"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["scheme"], body["scheme_version"], body["period"], body["period_kind"]) == (
        "city-2026",
        1,
        "2026-11",
        "month",
    )
    assert body["published_at"] is None
    first, second = body["agencies"][:2]
    assert (first["rank"], first["agency"], first["score"]) == (1, "CITY-FIN", 100.0)
    assert (second["rank"], second["agency"], second["score"]) == (2, "CITY-EDU", 56.67)
    parts = {c["code"]: c for c in second["contributions"]}
    assert parts["requests_on_time"] == {
        "code": "requests_on_time",
        "label": "Requests replied on time",
        "weight": 60.0,
        "numerator": 1,
        "denominator": 2,
        "value": 0.5,
        "scored": True,
        "reason": "",
        "points": 30.0,
        "contribution": 30.0,
    }
    assert parts["letters_on_time"]["reason"] == "below_minimum"
    unranked = [a for a in body["agencies"] if a["rank"] is None]
    assert {a["status"] for a in unranked} == {"not_scored"}


def test_a_quarter_and_a_year_are_periods_too(month, tree, olga):
    age_the_tree()
    city_scheme(olga, tree["city"])
    client = logged_in(olga)

    quarter = client.get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2026-Q4"})
    year = client.get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2026"})

    assert quarter.json()["period_kind"] == "quarter"
    assert year.json()["period_kind"] == "year"
    assert quarter.json()["agencies"][0]["agency"] == "CITY-FIN"


def test_bad_periods_unknown_schemes_and_strangers_are_refused(month, tree, olga, sam, alice):
    age_the_tree()
    city_scheme(olga, tree["city"])
    client = logged_in(olga)

    for period in ("2026-13", "2026-Q5", "next year", "2099"):
        response = client.get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": period})
        assert response.status_code == 422, period
        assert "period" in response.json()["error"]["fields"]
    early = client.get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2025-12"})
    assert early.status_code == 422
    assert "scheme" in early.json()["error"]["fields"]
    assert (
        client.get("/api/v1/oversight/rankings", {"scheme": "nothing", "period": "2026-11"}).status_code
        == 404
    )
    # A supervisor of the East District does not oversee the city's root: the scheme is not theirs.
    assert (
        logged_in(sam)
        .get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2026-11"})
        .status_code
        == 404
    )
    assert (
        logged_in(alice)
        .get("/api/v1/oversight/rankings", {"scheme": "city-2026", "period": "2026-11"})
        .status_code
        == 403
    )
