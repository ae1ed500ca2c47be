"""The supervision pages: the tree's figures (a row per agency and the total, each a numerator over
a denominator), one agency's subtree, and the cases by level."""

from __future__ import annotations

import datetime

import pytest

from sunshine.supervision.sweep import sweep

D = datetime.date
TODAY = D(2026, 11, 17)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def cases(accepted, act):
    late = accepted(D(2026, 11, 2))  # red on 17 November
    soon = accepted(D(2026, 11, 4))  # 9 of 10 used: yellow
    done = act(accepted(D(2026, 11, 3)), "decide", D(2026, 11, 9), result="approved", reasons="符合条件")
    sweep(TODAY)
    return {"late": late, "soon": soon, "done": done}


def test_the_tree_overview_has_a_row_per_agency_and_the_total(client, olga, cases):
    client.force_login(olga)
    html = client.get("/staff/supervision/?from=2026-11-01&to=2026-11-30").content.decode()
    assert 'data-agency="CITY-EDU"' in html
    assert 'data-agency="CITY-FIN"' in html
    total = html[html.index('data-agency="total"') :]
    # on time (statutory, promised) 1/1, online 0/3, 4 working days over 1 decided, yellow 1/2, red 1/2
    figures = [part.split('"')[0] for part in total.split('data-figure="')[1:]]
    assert figures == ["1/1", "1/1", "0/3", "4/1", "1/2", "1/2", "0/0"]


def test_the_agency_page_and_the_cases_by_level(client, olga, cases):
    client.force_login(olga)
    html = client.get("/staff/supervision/agencies/CITY-EDU/").content.decode()
    assert 'data-agency="CITY-EDU-EXAM"' in html
    assert 'data-agency="CITY-FIN"' not in html
    html = client.get("/staff/supervision/cases/?level=red").content.decode()
    assert cases["late"].tracking_code in html
    assert cases["soon"].tracking_code not in html


def test_officers_do_not_see_supervision(client, alice, cases):
    client.force_login(alice)
    assert client.get("/staff/supervision/").status_code == 403
