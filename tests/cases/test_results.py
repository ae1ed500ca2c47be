"""The public list of decided cases (办件公示): /cases/results/ and GET /api/v1/cases/results, the
applicant masked, never an identity number, a phone, an e-mail, an address or the reasons."""

from __future__ import annotations

import pytest

from sunshine.cases import services
from sunshine.cases.models import Case
from tests.cases.conftest import APPLICANT, CITIZEN_ID, D

ACCEPTED = D(2026, 11, 3)
DECIDED = D(2026, 11, 10)
SECRET_REASON = "申请人王大伟患有疾病"
COMPANY = services.Applicant(
    kind="commercial_enterprise",
    name="阳光教育科技有限公司",
    id_type="credit_code",
    id_number="91330100MA2AAAAA0X",
    phone="13900139000",
    email="office@example.com",
    address="阳光市河畔路1号",
)


@pytest.fixture(autouse=True)
def no_font_needed(monkeypatch):
    """The list does not read the documents: no PDF is made here."""
    monkeypatch.setattr("sunshine.cases.documents.render_pdf", lambda *a, **k: b"%PDF-1.4 test")


@pytest.fixture
def decided(licence, alice, act):
    def make(result: str = "approved", on: D = DECIDED, applicant=APPLICANT) -> Case:
        case, _key = services.submit_case(
            version=licence,
            applicant=applicant,
            materials=["application", "assets"],
            channel="counter",
            received_on=D(2026, 11, 2),
            by=alice,
            today=D(2026, 11, 2),
        )
        case = act(case, "accept", ACCEPTED)
        reasons = SECRET_REASON if result == "denied" else ""
        return act(case, "decide", on, result=result, reasons=reasons)

    return make


def test_the_page_lists_decided_cases_with_the_applicant_masked(decided, registered, client):
    approved = decided()
    denied = decided("denied", D(2026, 11, 11))
    company = decided(on=D(2026, 11, 12), applicant=COMPANY)
    registered()  # not decided: not listed
    response = client.get("/cases/results/")
    assert response.status_code == 200
    page = response.content.decode()
    for case in (approved, denied, company):
        assert case.tracking_code in page
    assert page.count('class="search-result"') == 3
    assert "陈**" in page
    assert "阳光教育科技有限公司" in page
    assert "Denied" in page
    assert "Approved" in page
    for private in (
        "陈小明",
        CITIZEN_ID,
        "13800138000",
        "chen@example.com",
        "13900139000",
        "阳光市河畔路1号",
    ):
        assert private not in page
    assert SECRET_REASON not in page
    assert "王大伟" not in page
    assert (
        page.index(company.tracking_code)
        < page.index(denied.tracking_code)
        < page.index(approved.tracking_code)
    )


def test_the_services_page_links_to_the_results(client, licence):
    assert 'href="/cases/results/"' in client.get("/services/").content.decode()


def test_the_agency_masking_rule_applies(decided, client, tree):
    tree["education"].name_masking = "surname_mou"
    tree["education"].save()
    decided()
    page = client.get("/cases/results/").content.decode()
    assert "陈某某" in page
    assert "陈**" not in page


def test_the_api_filters_by_agency_service_and_period_and_pages(decided, client, tree):
    first = decided(on=D(2026, 11, 9))
    second = decided("denied", D(2026, 11, 10))
    third = decided(on=D(2026, 11, 11))
    body = client.get("/api/v1/cases/results").json()
    assert body["count"] == 3
    assert [r["tracking_code"] for r in body["results"]] == [c.tracking_code for c in (third, second, first)]
    item = body["results"][1]
    assert item == {
        "tracking_code": second.tracking_code,
        "service": "EDU-LIC-1",
        "service_name": "民办学校设立审批",
        "agency": {"code": "CITY-EDU", "name": "阳光市教育局"},
        "applicant": "陈**",
        "result": "denied",
        "result_label": "Denied",
        "decided_on": "2026-11-10",
    }
    period = client.get("/api/v1/cases/results?from=2026-11-10&to=2026-11-10").json()
    assert [r["tracking_code"] for r in period["results"]] == [second.tracking_code]
    assert client.get("/api/v1/cases/results?agency=CITY").json()["count"] == 3  # with those below
    assert client.get("/api/v1/cases/results?agency=CITY-FIN").json()["count"] == 0
    assert client.get("/api/v1/cases/results?service=OTHER-1").json()["count"] == 0
    paged = client.get("/api/v1/cases/results?page=2&page_size=2").json()
    assert (paged["count"], paged["page"], paged["page_size"]) == (3, 2, 2)
    assert [r["tracking_code"] for r in paged["results"]] == [first.tracking_code]
    text = client.get("/api/v1/cases/results").content.decode()
    for private in ("陈小明", CITIZEN_ID, "13800138000", "chen@example.com", SECRET_REASON):
        assert private not in text


def test_the_api_refuses_an_unknown_agency_and_a_reversed_period(client, db):
    unknown = client.get("/api/v1/cases/results?agency=NOPE")
    assert unknown.status_code == 422
    assert "agency" in unknown.json()["error"]["fields"]
    reversed_period = client.get("/api/v1/cases/results?from=2026-11-10&to=2026-11-01")
    assert reversed_period.status_code == 422
    assert client.get("/cases/results/?from=2026-11-10&to=2026-11-01").status_code == 400
