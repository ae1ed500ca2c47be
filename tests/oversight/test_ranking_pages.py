"""The ranking pages: the schemes, a scheme's form (a new version on each save), the ranking with its
chart and table, publishing it on the portal, the public page and the XLSX of both."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from sunshine.oversight.models import AssessmentScheme, Ranking
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


def scheme_form(root_pk: int, **changes) -> dict[str, str]:
    data = {
        "code": "city-2026",
        "name": "阳光市政务公开考核",
        "root": str(root_pk),
        "scope": "subtree",
        "effective_from": "2026-01",
        "newcomer_months": "3",
        "notes": "",
    }
    from sunshine.oversight.indicators import INDICATORS, LOWER_IS_BETTER

    for code in INDICATORS:
        data[f"direction_{code}"] = "lower" if code in LOWER_IS_BETTER else "higher"
        data[f"weight_{code}"] = ""
        data[f"target_{code}"] = "0" if code in LOWER_IS_BETTER else "1"
        data[f"minimum_{code}"] = "0"
    data.update({"weight_records_late": "40", "minimum_records_late": "1"})
    data.update({"weight_requests_on_time": "60", "minimum_requests_on_time": "2"})
    data.update(changes)
    return data


def test_the_disclosure_office_makes_a_scheme_on_its_page_and_sees_the_ranking(month, tree, olga):
    age_the_tree()
    client = logged_in(olga)

    assert client.get("/staff/oversight/schemes/new/").status_code == 200
    response = client.post("/staff/oversight/schemes/new/", scheme_form(tree["city"].pk))

    assert response.status_code == 302, response.content.decode()[:3000]
    scheme = AssessmentScheme.objects.get()
    assert {(i.indicator, i.weight, i.minimum) for i in scheme.items.all()} == {
        ("records_late", 40, 1),
        ("requests_on_time", 60, 2),
    }
    page = client.get("/staff/oversight/rankings/city-2026/", {"period": "2026-11"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-agency="CITY-FIN"' in html
    assert "100.00" in html
    assert "56.67" in html
    assert "ranking-chart__bar" in html
    # The figures of a month link to the rows behind them.
    assert "/staff/oversight/CITY-EDU/2026-11/requests_on_time/" in html


def test_saving_again_makes_version_2_and_bad_input_is_explained(month, tree, olga):
    client = logged_in(olga)
    city_scheme(olga, tree["city"])

    bad = client.post(
        "/staff/oversight/schemes/city-2026/edit/",
        scheme_form(tree["city"].pk, target_requests_on_time="5", effective_from="2026-13"),
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Give a month as YYYY-MM." in text
    assert AssessmentScheme.objects.count() == 1

    good = client.post(
        "/staff/oversight/schemes/city-2026/edit/", scheme_form(tree["city"].pk, name="新方案")
    )
    assert good.status_code == 302
    assert list(AssessmentScheme.objects.order_by("version").values_list("version", "name")) == [
        (1, "阳光市政务公开考核"),
        (2, "新方案"),
    ]


def test_publishing_puts_the_ranking_on_the_portal_with_its_chart_and_xlsx(month, tree, olga):
    age_the_tree()
    city_scheme(olga, tree["city"])
    client = logged_in(olga)
    client.get("/staff/oversight/rankings/city-2026/", {"period": "2026-Q4"})
    ranking = Ranking.objects.get(period="2026-Q4")
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert public.get(f"/oversight/rankings/{ranking.pk}/").status_code == 404

    response = client.post("/staff/oversight/rankings/city-2026/2026-Q4/publish/")

    assert response.status_code == 302
    page = public.get(f"/oversight/rankings/{ranking.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ranking-chart" in html
    assert 'data-agency="CITY-EDU"' in html
    assert "/staff/oversight/" not in html  # no link to the staff figures from the portal
    assert f"/oversight/rankings/{ranking.pk}/" in public.get("/oversight/rankings/").content.decode()
    book = load_workbook(io.BytesIO(public.get(f"/oversight/rankings/{ranking.pk}/xlsx/").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2][:4] == (1, "CITY-FIN", "阳光市财政局", 100.0)
    assert rows[3][:4] == (2, "CITY-EDU", "Education Bureau", 56.67)


def test_only_the_disclosure_office_of_the_root_publishes_and_edits(month, tree, olga, make_user):
    from sunshine.agencies.models import Role

    age_the_tree()
    city_scheme(olga, tree["city"])
    supervisor = make_user("cityboss", agency=tree["city"], role=Role.SUPERVISOR)
    client = logged_in(supervisor)

    page = client.get("/staff/oversight/rankings/city-2026/", {"period": "2026-11"})
    assert page.status_code == 200
    assert "Publish on the portal" not in page.content.decode()
    assert client.post("/staff/oversight/rankings/city-2026/2026-11/publish/").status_code == 403
    assert client.get("/staff/oversight/schemes/city-2026/edit/").status_code == 403
    assert not Ranking.objects.filter(published_at__isnull=False).exists()


def test_the_staff_xlsx_has_each_indicator_s_figures(month, tree, olga):
    age_the_tree()
    city_scheme(olga, tree["city"])

    response = logged_in(olga).get("/staff/oversight/rankings/city-2026/2026-11/xlsx/")

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = rows[1]
    assert header[:5] == ("Rank", "Agency code", "Agency", "Score", "Status")
    assert "Requests replied on time: numerator" in header
    education = next(r for r in rows if r[1] == "CITY-EDU")
    at = header.index("Requests replied on time: numerator")
    assert education[at : at + 3] == (1, 2, 30.0)


def test_a_page_number_out_of_range_shows_the_last_page(month, tree, olga):
    age_the_tree()
    city_scheme(olga, tree["city"])
    client = logged_in(olga)

    for page in ("99999999999999999999999", "-3", "²"):
        response = client.get("/staff/oversight/rankings/city-2026/", {"period": "2026-11", "page": page})
        assert response.status_code == 200, page
        assert 'data-agency="CITY-EDU"' in response.content.decode()
