"""Public statistics of the ratings, on a page and in the API: per agency the count per level, the
satisfaction rate as numerator over denominator, the bad ratings and the rectified ones; never a
comment."""

from __future__ import annotations

from sunshine.evaluations import services
from sunshine.evaluations.models import Rectification
from tests.evaluations.conftest import D


def rate_some(decided, licence, alice, olga) -> None:
    """Education: cases rated 5 (appended 4), 2 (rectified) and 1; the counter rated 3 and 4."""
    services.rate_case(case=decided(), level=5, comment="陈小明 13800138000 很好")
    first = decided()
    services.rate_case(case=first, level=2)
    services.rate_case(case=first, level=4)
    services.rate_case(case=decided(), level=1)
    window = licence.windows.get()
    services.rate_window(version=licence, window=window, level=3, comment="王女士说慢")
    services.rate_window(version=licence, window=window, level=4, today=D(2026, 10, 30))
    r = Rectification.objects.get(case=first)
    r = services.perform_action(rectification=r, action="answer", by=alice, measures="已整改")
    r = services.perform_action(rectification=r, action="record_visit", by=olga, method="phone", view="满意")
    services.perform_action(rectification=r, action="accept", by=olga)


def test_the_api_counts_levels_rate_bad_and_rectified_per_agency(
    client, decided, licence, alice, olga, today
):
    rate_some(decided, licence, alice, olga)
    answer = client.get("/api/v1/evaluations/statistics?from=2026-11-01&to=2026-11-30")
    assert answer.status_code == 200
    data = answer.json()
    assert [row["agency"]["code"] for row in data["agencies"]] == ["CITY-EDU"]
    row = data["agencies"][0]
    assert row["levels"] == {"5": 1, "4": 0, "3": 1, "2": 1, "1": 1}
    assert row["satisfaction"] == {"numerator": 2, "denominator": 4, "percent": "50.0"}
    assert (row["bad"], row["bad_case_ratings"], row["rectified"], row["appended"]) == (2, 2, 1, 1)
    assert data["total"]["satisfaction"]["denominator"] == 4
    whole = client.get("/api/v1/evaluations/statistics").json()
    assert whole["total"]["levels"]["4"] == 1  # the counter's rating of 30 October
    assert "13800138000" not in answer.content.decode()
    assert "陈小明" not in answer.content.decode()


def test_an_agency_filter_keeps_it_and_those_below_and_an_unknown_one_is_404(
    client, decided, licence, alice, olga, today
):
    rate_some(decided, licence, alice, olga)
    assert client.get("/api/v1/evaluations/statistics?agency=CITY-FIN").json()["agencies"] == []
    assert client.get("/api/v1/evaluations/statistics?agency=CITY").json()["total"]["total"] == 5
    assert client.get("/api/v1/evaluations/statistics?agency=NOPE").status_code == 404


def test_the_public_page_shows_the_figures_and_no_comment(client, decided, licence, alice, olga, today):
    rate_some(decided, licence, alice, olga)
    page = client.get("/services/evaluations/?from=2026-11-01&to=2026-11-30")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-agency="CITY-EDU"' in text
    assert "50.0 %" in text
    assert "(2/4)" in text
    assert "很好" not in text
    assert "王女士" not in text
    assert "13800138000" not in text
