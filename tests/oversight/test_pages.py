"""The staff pages: the agencies of the person's tree × the indicators of a month, and the rows
behind one figure with the rule and its version."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunshine.oversight.indicators import INDICATORS
from tests.oversight.conftest import NOVEMBER


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


def logged_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_overview_shows_each_agency_of_the_tree_with_its_figures(month, olga, tree):
    response = logged_in(olga).get("/staff/oversight/", {"period": NOVEMBER})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-agency="CITY-EDU"' in page
    assert 'data-agency="EAST-RIVER-WILLOW"' in page
    assert 'data-agency="OTHER"' not in page
    assert 'data-code="records_late" data-figure="1/3"' in page
    assert 'href="/staff/oversight/CITY-EDU/2026-11/records_late/"' in page
    assert (
        len(re.findall(r'<tr data-agency="CITY-EDU">.*?</tr>', page, re.S)[0].split("<td"))
        == len(INDICATORS) + 1
    )


def test_the_rows_behind_a_figure_are_listed_with_the_rule(month, olga):
    response = logged_in(olga).get("/staff/oversight/CITY-EDU/2026-11/records_late/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="1/3"' in page
    assert "20 working days after the information was formed" in page
    assert "<dd data-rule-version>1</dd>" in page
    counted = re.findall(r'<tr data-row="(\d+)" data-counted="(\d)">', page)
    assert sorted(counted) == sorted(
        [(str(month[key].pk), "1" if key == "late" else "0") for key in ("on_time", "late", "policy")]
    )
    assert "迟发的通知" in page
    assert f'href="/staff/records/{month["late"].record_id}/"' in page


def test_the_rows_of_requests_on_time_link_to_the_requests(month, olga):
    page = logged_in(olga).get("/staff/oversight/CITY-EDU/2026-11/requests_on_time/").content.decode()

    assert f'href="/staff/requests/{month["r_on_time"].pk}/"' in page
    assert f'data-row="{month["r_late"].pk}" data-counted="0"' in page
    assert f'data-row="{month["r_open"].pk}"' not in page


def test_others_are_refused(month, alice, sam, olga):
    assert logged_in(alice).get("/staff/oversight/").status_code == 403
    assert logged_in(sam).get("/staff/oversight/CITY-EDU/2026-11/records_late/").status_code == 404
    assert logged_in(olga).get("/staff/oversight/CITY-EDU/2026-11/no_such/").status_code == 404
    assert logged_in(olga).get("/staff/oversight/CITY-EDU/2099-01/records_late/").status_code == 404
