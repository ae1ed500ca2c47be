"""``GET /api/v1/oversight/indicators?agency=&period=``: the figures of an agency's month for the
disclosure office and supervisors of its tree, computed on the first read and stored."""

from __future__ import annotations

import pytest
from django.test import Client

from sunshine.oversight.models import IndicatorSnapshot
from tests.oversight.conftest import NOVEMBER, D


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


def logged_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def indicators(client: Client, **params):
    return client.get("/api/v1/oversight/indicators", params)


def test_the_disclosure_office_reads_the_figures_of_an_agency_of_its_tree(month, olga):
    assert not IndicatorSnapshot.objects.exists()

    response = indicators(logged_in(olga), agency="CITY-EDU", period=NOVEMBER)

    assert response.status_code == 200, response.content
    found = {row["code"]: row for row in response.json()}
    assert {"records_published", "records_late", "categories_stale", "categories_blank"} <= set(found)
    assert {"requests_on_time", "letters_on_time", "cases_on_time", "online_rate", "satisfaction"} <= set(
        found
    )
    assert (found["records_late"]["numerator"], found["records_late"]["denominator"]) == (1, 3)
    assert found["records_late"]["value"] == 0.3333
    assert found["records_late"]["rule_version"] == 1
    assert found["records_published"]["value"] == 3
    assert found["requests_on_time"]["value"] == 0.5
    assert found["cases_on_time"]["value"] is None
    assert found["letters_on_time"]["rows"] == "/staff/oversight/CITY-EDU/2026-11/letters_on_time/"
    # Stored on the first read, answered from the store on the next.
    stored = IndicatorSnapshot.objects.filter(period=D(2026, 11, 1), agency__code="CITY-EDU")
    assert stored.count() == len(found)
    computed_at = stored.get(code="records_late").computed_at
    assert indicators(logged_in(olga), agency="CITY-EDU", period=NOVEMBER).json() == response.json()
    assert stored.get(code="records_late").computed_at == computed_at


def test_a_supervisor_reads_only_the_agencies_of_their_tree(month, sam):
    client = logged_in(sam)

    assert indicators(client, agency="EAST-HEALTH", period=NOVEMBER).status_code == 200
    assert indicators(client, agency="CITY-EDU", period=NOVEMBER).status_code == 404


def test_an_officer_is_refused(month, alice):
    response = indicators(logged_in(alice), agency="CITY-EDU", period=NOVEMBER)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_a_month_that_is_not_one_or_has_not_begun_is_refused(month, olga):
    client = logged_in(olga)

    for period in ("2026-13", "nov-26", "2099-01"):
        response = indicators(client, agency="CITY-EDU", period=period)
        assert response.status_code == 422, period
        assert response.json()["error"]["fields"] == {
            "period": "Give a month up to the running one, as YYYY-MM."
        }
