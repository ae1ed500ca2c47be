"""GET /api/v1/supervision/cases and /api/v1/supervision/agencies/{code}, for supervisors."""

from __future__ import annotations

import datetime

import pytest

from sunshine.supervision.sweep import sweep
from tests.api_helpers import bearer, token_for

D = datetime.date


@pytest.fixture
def swept(accepted):
    late, soon = accepted(D(2026, 11, 2)), accepted(D(2026, 11, 4))
    sweep(D(2026, 11, 17))
    return {"late": late, "soon": soon}


def test_the_cases_by_level_are_paged_for_the_disclosure_office(client, olga, swept):
    auth = bearer(token_for(client, "olga"))
    body = client.get("/api/v1/supervision/cases?level=red&agency=CITY-EDU", **auth).json()
    assert body["count"] == 1
    assert body["results"][0]["tracking_code"] == swept["late"].tracking_code
    assert body["results"][0]["promised_level"] == "red"
    assert client.get("/api/v1/supervision/cases", **auth).json()["count"] == 2


def test_the_agency_figures_are_numerators_over_denominators(client, olga, swept):
    auth = bearer(token_for(client, "olga"))
    body = client.get("/api/v1/supervision/agencies/CITY-EDU?from=2026-11-01&to=2026-11-30", **auth).json()
    assert body["from"] == "2026-11-01"
    assert body["figures"]["red"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert body["figures"]["online"] == {"numerator": 0, "denominator": 2, "rate": 0.0}
    assert [row["agency"] for row in body["agencies"]] == ["CITY-EDU", "CITY-EDU-EXAM"]


def test_officers_and_other_subtrees_are_refused(client, alice, sam, swept):
    assert client.get("/api/v1/supervision/cases", **bearer(token_for(client, "alice"))).status_code == 403
    response = client.get("/api/v1/supervision/agencies/CITY-EDU", **bearer(token_for(client, "sam")))
    assert response.status_code == 404
