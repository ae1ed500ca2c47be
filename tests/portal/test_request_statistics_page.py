"""The public statistics of an agency's requests: the page and GET /api/v1/statistics/requests."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest

from sunshine.inforequests import services
from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.services import Applicant, Wanted, perform_action
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 20)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NAME = "陈小明"
PRIVATE = (NAME, CITIZEN_ID, "13800138000", "chen@example.com", "阳光市人民路1号")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def requests_of_2026(tree, olga):
    """Education Bureau: r1 replied on time, r2 replied late, r3 withdrawn; Exam Authority: r4 on time."""
    applicant = Applicant(
        kind="natural_person",
        name=NAME,
        id_type="resident_id",
        id_number=CITIZEN_ID,
        phone="13800138000",
        email="chen@example.com",
        address="阳光市人民路1号",
    )
    wanted = Wanted(description="部门预算执行情况")

    def submit(day, agency=tree["education"]):
        return services.submit_request(agency=agency, applicant=applicant, wanted=wanted, by=None, today=day)[
            0
        ]

    def act(request, action, day, **fields):
        return perform_action(request=request, action=action, by=olga, date=day, today=TODAY, **fields)

    r1 = act(submit(D(2026, 3, 2)), "reply", D(2026, 3, 10), outcome=Outcome.DISCLOSED)
    r2 = submit(D(2026, 3, 2))
    assert r2.due_date == D(2026, 3, 30)
    r2 = act(r2, "reply", D(2026, 4, 15), outcome=Outcome.UNAVAILABLE_NOT_HELD, reasons="经检索不存在")
    r3 = act(submit(D(2026, 3, 2)), "withdraw", D(2026, 3, 5))
    r4 = act(
        submit(D(2026, 5, 4), tree["edu_office"]),
        "reply",
        D(2026, 5, 8),
        outcome=Outcome.PARTIALLY_DISCLOSED,
        reasons="第三十七条",
    )
    return [r1, r2, r3, r4]


def cell(html: str, cell_id: str) -> list[str]:
    found = re.search(rf'id="{cell_id}">(.*?)</td>', html, re.S)
    assert found is not None, cell_id
    return re.sub(r"<[^>]+>", " ", found.group(1)).split()


def outcome_count(html: str, code: str) -> int:
    found = re.search(rf'data-outcome="{code}"><th scope="row">[^<]*</th><td class="num">(\d+)</td>', html)
    assert found is not None, code
    return int(found.group(1))


def test_the_page_shows_the_figures_with_numerator_and_denominator(client, requests_of_2026):
    response = client.get("/agencies/CITY-EDU/requests/statistics/?year=2026", **EN)

    assert response.status_code == 200
    html = response.content.decode()
    assert cell(html, "stat-received") == ["3"]
    assert cell(html, "stat-replied") == ["2"]
    assert cell(html, "stat-withdrawn") == ["1"]
    assert cell(html, "stat-closed") == ["0"]
    assert re.search(r'<span id="on-time-numerator">1</span> / <span id="on-time-denominator">2</span>', html)
    assert re.search(r'id="on-time-rate">50.0%<', html)
    assert outcome_count(html, "disclosed") == 1
    assert outcome_count(html, "unavailable_not_held") == 1
    assert outcome_count(html, "other") == 1  # the withdrawn one
    assert outcome_count(html, "partially_disclosed") == 0


def test_the_page_explains_how_the_on_time_share_is_counted(client, requests_of_2026):
    html = unescape(client.get("/agencies/CITY-EDU/requests/statistics/", **EN).content.decode())

    assert "Numerator: replies of the year given on or before their due date." in html
    assert "Denominator: all replies of the year." in html
    assert "Withdrawn applications" in html


def test_without_a_year_the_page_shows_this_year(client, requests_of_2026):
    html = client.get("/agencies/CITY-EDU/requests/statistics/", **EN).content.decode()

    assert re.search(r'<option value="2026" selected>', html)
    assert cell(html, "stat-received") == ["3"]


def test_the_agencies_below_can_be_included(client, requests_of_2026):
    html = client.get("/agencies/CITY-EDU/requests/statistics/?year=2026&subtree=on", **EN).content.decode()

    assert cell(html, "stat-received") == ["4"]
    assert re.search(r'<span id="on-time-numerator">2</span> / <span id="on-time-denominator">3</span>', html)
    assert outcome_count(html, "partially_disclosed") == 1
    assert "with the agencies below" in html


def test_an_agency_without_agencies_below_offers_no_such_choice(client, requests_of_2026):
    html = client.get("/agencies/CITY-FIN/requests/statistics/", **EN).content.decode()

    assert 'name="subtree"' not in html
    assert cell(html, "stat-received") == ["0"]
    assert "no replies" in html


def test_another_year_shows_its_own_figures(client, requests_of_2026):
    html = client.get("/agencies/CITY-EDU/requests/statistics/?year=2025", **EN).content.decode()

    assert cell(html, "stat-received") == ["0"]
    assert re.search(r'<span id="on-time-numerator">0</span> / <span id="on-time-denominator">0</span>', html)


@pytest.mark.parametrize("year", ["1999", "2027", "twenty"])
def test_a_year_outside_the_list_is_explained_without_figures(client, requests_of_2026, year):
    response = client.get(f"/agencies/CITY-EDU/requests/statistics/?year={year}", **EN)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Choose a year from 2022 to 2026." in html
    assert 'id="stat-received"' not in html


def test_an_unknown_or_inactive_agency_has_no_statistics(client, tree):
    tree["finance"].is_active = False
    tree["finance"].save(update_fields=["is_active"])

    assert client.get("/agencies/NO-SUCH/requests/statistics/").status_code == 404
    assert client.get("/agencies/CITY-FIN/requests/statistics/").status_code == 404


def test_the_agency_page_links_to_its_statistics(client, tree):
    html = client.get("/agencies/CITY-EDU/", **EN).content.decode()

    assert 'href="/agencies/CITY-EDU/requests/statistics/"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/agencies/",
        "/agencies/CITY-EDU/",
        "/agencies/CITY-EDU/requests/statistics/?year=2026",
        "/agencies/CITY-EDU/requests/statistics/?year=2026&subtree=on",
        "/requests/apply/?agency=CITY-EDU",
        "/requests/status/",
        "/api/v1/statistics/requests?agency=CITY-EDU&year=2026",
    ],
)
def test_public_pages_show_no_personal_data_of_applicants(client, requests_of_2026, url):
    response = client.get(url, **EN)

    assert response.status_code == 200
    content = response.content.decode()
    for private in PRIVATE:
        assert private not in content
    for request in requests_of_2026:
        assert request.tracking_code not in content


def test_the_api_gives_the_figures_of_an_agency_and_year(client, requests_of_2026):
    response = client.get("/api/v1/statistics/requests?agency=CITY-EDU&year=2026")

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"agency", "year", "subtree", "received", "replied", "on_time", "outcomes"}
    assert data["agency"] == "CITY-EDU"
    assert data["year"] == 2026
    assert data["received"] == 3
    assert data["replied"] == 2
    assert data["on_time"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert set(data["outcomes"]) == set(Outcome.values)
    assert data["outcomes"]["disclosed"] == 1
    assert data["outcomes"]["unavailable_not_held"] == 1
    assert data["outcomes"]["other"] == 1


def test_the_api_includes_the_agencies_below_on_request(client, requests_of_2026):
    data = client.get("/api/v1/statistics/requests?agency=CITY-EDU&year=2026&subtree=true").json()

    assert data["subtree"] is True
    assert data["received"] == 4
    assert data["on_time"] == {"numerator": 2, "denominator": 3, "rate": 0.6667}


def test_the_api_defaults_to_this_year(client, requests_of_2026):
    data = client.get("/api/v1/statistics/requests?agency=CITY-EDU").json()

    assert data["year"] == 2026
    assert data["received"] == 3


def test_the_api_answers_no_replies_with_a_null_rate(client, tree):
    data = client.get("/api/v1/statistics/requests?agency=CITY-FIN&year=2026").json()

    assert data["on_time"] == {"numerator": 0, "denominator": 0, "rate": None}


def test_the_api_refuses_an_unknown_agency_and_a_bad_year(client, tree):
    unknown = client.get("/api/v1/statistics/requests?agency=NO-SUCH&year=2026")
    bad_year = client.get("/api/v1/statistics/requests?agency=CITY-EDU&year=1900")
    no_agency = client.get("/api/v1/statistics/requests?year=2026")

    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"
    assert bad_year.status_code == 422
    assert "year" in bad_year.json()["error"]["fields"]
    assert no_agency.status_code == 422
    assert "agency" in no_agency.json()["error"]["fields"]
