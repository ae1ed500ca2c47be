"""Table 2's 行政许可 row (本年处理决定数量) is counted from the cases of the agency's licensing items
decided in the year: shown on the report page instead of a typed figure, frozen when published."""

from __future__ import annotations

import datetime

import pytest

from sunshine.annualreports import services as reports
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.cases import services as cases
from sunshine.eservices import services as catalogue
from tests.annualreports.conftest import page

D = datetime.date
PERSON = cases.Applicant(
    kind="natural_person",
    name="陈小明",
    id_type="resident_id",
    id_number="11010519491231002X",
    phone="13800138000",
)
BASE = "/staff/annual-reports/CITY-EDU/2026/"


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    """The count does not read the documents: no PDF is made here."""
    monkeypatch.setattr("sunshine.cases.documents.render_pdf", lambda *a, **k: b"%PDF-1.4 test")


def publish_item(tree, people, code: str, kind: str):
    version = catalogue.create_item(
        agency=tree["education"],
        by=people["officer"],
        code=code,
        fields={
            "name": f"事项{code}",
            "kind": kind,
            "legal_basis": "《中华人民共和国行政许可法》",
            "statutory_days": 20,
            "promised_days": 10,
            "handling_type": "promised",
            "free": True,
            "online_level": 2,
        },
        materials=[{"key": "form", "name": "申请表", "form": "original", "copies": 1, "required": True}],
        steps=[{"key": "decide", "name": "决定", "role": "局领导", "days": 2}],
        windows=[],
        events=["education"],
    )
    catalogue.take_action(version=version, action="submit", by=people["officer"])
    return catalogue.take_action(version=version, action="publish", by=people["reviewer"])


def decide(version, officer, received: D, decided: D, result: str) -> None:
    case, _key = cases.submit_case(
        version=version, applicant=PERSON, channel="counter", received_on=received, by=officer, today=received
    )
    case = cases.perform_action(case=case, action="accept", by=officer, date=received, today=received)
    reasons = "不符合条件。" if result == "denied" else ""
    cases.perform_action(
        case=case, action="decide", by=officer, date=decided, today=decided, result=result, reasons=reasons
    )


@pytest.fixture
def decided_licences(tree, people):
    """2026: two licences approved and one denied; one public service decided (not counted); one
    licence decided in 2025 (not counted)."""
    licence = publish_item(tree, people, "EDU-LIC-9", "licensing")
    service = publish_item(tree, people, "EDU-PUB-9", "public_service")
    officer = people["officer"]
    decide(licence, officer, D(2025, 12, 1), D(2025, 12, 10), "approved")
    decide(licence, officer, D(2026, 11, 2), D(2026, 11, 5), "approved")
    decide(licence, officer, D(2026, 11, 2), D(2026, 11, 6), "denied")
    decide(licence, officer, D(2026, 11, 3), D(2026, 11, 9), "approved")
    decide(service, officer, D(2026, 11, 3), D(2026, 11, 9), "approved")


def licensing_cell(html: str) -> str:
    row = html.split('<tr data-row="licensing">', 1)[1].split("</tr>", 1)[0]
    return row.split('<td class="num">', 1)[1].split("</td>", 1)[0]


def test_the_report_page_shows_the_licensing_decisions_counted_from_the_cases(
    client, people, decided_licences
):
    page(client, people["office"], BASE, {"open": "1"})
    html = page(client, people["office"], BASE).content.decode()
    assert licensing_cell(html) == "3"
    assert "Counted from the licensing cases decided in 2026 on this platform." in html
    assert 'name="licensing_decisions"' in html
    assert "disabled" in html.split('name="licensing_decisions"')[1][:200]


def test_a_typed_figure_does_not_replace_the_count_and_publishing_freezes_it(
    client, tree, people, decided_licences, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 12, 31))
    page(client, people["office"], BASE, {"open": "1"})
    page(
        client,
        people["office"],
        BASE,
        {
            "save": "1",
            "scope": "self",
            "licensing_decisions": "99",
            "penalty_decisions": "2",
            "enforcement_decisions": "0",
            "fees_collected": "0",
        },
    )
    draft = AnnualReportDraft.objects.get(agency=tree["education"], year=2026)
    assert draft.licensing_decisions == 3
    for action, person in [("submit", "office"), ("approve", "reviewer"), ("sign", "signer")]:
        reports.take_action(draft=draft, action=action, by=people[person])
    reports.take_action(draft=draft, action="publish", by=people["office"])
    body = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2026").json()
    assert body["proactive"]["licensing"] == {"decisions": 3}
    # A licence decided after publication does not change the published report.
    licence = publish_item(tree, people, "EDU-LIC-8", "licensing")
    decide(licence, people["officer"], D(2026, 12, 1), D(2026, 12, 2), "approved")
    body = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2026").json()
    assert body["proactive"]["licensing"] == {"decisions": 3}
    assert licensing_cell(page(client, people["office"], BASE).content.decode()) == "3"


def test_without_licensing_cases_the_typed_figure_stands(client, tree, people):
    page(client, people["office"], BASE, {"open": "1"})
    draft = AnnualReportDraft.objects.get(agency=tree["education"], year=2026)
    reports.update_draft(draft=draft, by=people["office"], licensing_decisions=12)
    html = page(client, people["office"], BASE).content.decode()
    assert licensing_cell(html) == "12"
    assert "Counted from the licensing cases" not in html
