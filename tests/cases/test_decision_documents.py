"""The decision and the certificate: issued and stored when a case is decided, numbered per agency
and year, and downloaded by the applicant (page and API, with the key) and by staff (page and API)."""

from __future__ import annotations

import hashlib

import pytest

from sunshine.cases import access
from sunshine.cases.models import Case, CaseDocument
from sunshine.eservices import services as catalogue
from tests.api_helpers import bearer, token_for
from tests.cases.conftest import APPLICANT, CITIZEN_ID, MONDAY, D
from tests.inforequests.test_documents import need_cjk_font, pdf_text

ACCEPTED = D(2026, 11, 3)
DECIDED = D(2026, 11, 10)


@pytest.fixture
def accepted(registered, act):
    def make() -> Case:
        return act(registered(), "accept", ACCEPTED)

    return make


def keys(case: Case) -> dict[str, str]:
    return {"tracking_code": case.tracking_code, "access_key": access.access_key_for(case)}


def test_an_approved_licence_gets_a_decision_and_a_certificate_stored_with_their_checksum(accepted, act):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="approved")
    decision, certificate = case.documents.order_by("id")
    assert (decision.kind, certificate.kind) == ("decision", "certificate")
    assert decision.number == "CITY-EDU决〔2026〕00001号"
    assert certificate.number == "CITY-EDU证〔2026〕00001号"
    assert certificate.valid_from == DECIDED
    for document in (decision, certificate):
        content = bytes(document.content)
        assert content.startswith(b"%PDF")
        assert document.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(bytes(decision.content))
    for expected in (
        "准予行政许可决定书",
        "阳光市教育局",
        case.tracking_code,
        "陈小明",
        "民办学校设立审批",
        "2026年11月2日",
        "2026年11月10日",
        "《中华人民共和国民办教育促进法》第十二条",
        "第三十八条第一款",
        certificate.number,
    ):
        assert expected in text, expected
    assert "行政复议" not in text  # an approval is not appealed by the applicant
    certificate_text = pdf_text(bytes(certificate.content))
    for expected in ("行政许可证书", certificate.number, "陈小明", "民办学校设立审批", "自2026年11月10日起"):
        assert expected in certificate_text, expected
    event = case.events.get(action="decide")
    assert [d["number"] for d in event.data["documents"]] == [decision.number, certificate.number]


def test_a_denial_gives_its_reasons_and_the_rights_of_review_and_no_certificate(accepted, act):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="denied", reasons="举办者不具备规定的资质。")
    assert list(case.documents.values_list("kind", flat=True)) == ["decision"]
    text = pdf_text(bytes(case.documents.get().content))
    for expected in (
        "不予行政许可决定书",
        "举办者不具备规定的资质。",
        "第三十八条第二款",
        "60日内向阳光市人民政府申请行政复议",
        "6个月内依法向人民法院提起行政诉讼",
    ):
        assert expected in text, expected


def test_certificate_numbers_count_per_agency_and_year(accepted, act):
    need_cjk_font()
    first = act(accepted(), "decide", DECIDED, result="approved")
    denied = act(accepted(), "decide", DECIDED, result="denied", reasons="不符合条件。")
    second = act(accepted(), "decide", D(2026, 11, 11), result="approved")
    numbers = [c.documents.get(kind="certificate").number for c in (first, second)]
    assert numbers == ["CITY-EDU证〔2026〕00001号", "CITY-EDU证〔2026〕00002号"]
    assert denied.documents.get().number == "CITY-EDU决〔2026〕00002号"
    assert CaseDocument.objects.filter(kind="decision").count() == 3


def test_an_item_that_is_not_a_licence_gets_a_decision_only(tree, alice, rita, act):
    need_cjk_font()
    version = catalogue.create_item(
        agency=tree["education"],
        by=alice,
        code="EDU-PUB-1",
        fields={
            "name": "学籍证明",
            "kind": "public_service",
            "legal_basis": "《中小学生学籍管理办法》",
            "statutory_days": 5,
            "promised_days": 2,
            "handling_type": "promised",
            "free": True,
            "online_level": 2,
        },
        materials=[{"key": "form", "name": "申请表", "form": "original", "copies": 1, "required": True}],
        steps=[{"key": "decide", "name": "办结", "role": "窗口", "days": 1}],
        windows=[],
        events=["education"],
    )
    catalogue.take_action(version=version, action="submit", by=alice)
    published = catalogue.take_action(version=version, action="publish", by=rita)
    from sunshine.cases import services

    case, _key = services.submit_case(
        version=published, applicant=APPLICANT, channel="counter", received_on=MONDAY, by=alice, today=MONDAY
    )
    case = act(act(case, "accept", ACCEPTED), "decide", DECIDED, result="approved")
    assert list(case.documents.values_list("kind", flat=True)) == ["decision"]
    assert "准予办理决定书" in pdf_text(bytes(case.documents.get().content))


def test_what_was_issued_never_changes(accepted, act):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="approved")
    before = bytes(case.documents.get(kind="decision").content)
    act(case, "deliver", D(2026, 11, 11))
    case.version.legal_basis = "另一个依据"
    case.version.save()
    assert bytes(case.documents.get(kind="decision").content) == before


def test_the_applicant_downloads_both_from_the_follow_page(accepted, act, client):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="approved")
    page = client.post("/cases/follow/", keys(case)).content.decode()
    assert 'id="case-documents"' in page
    assert "CITY-EDU证〔2026〕00001号" in page
    response = client.post("/cases/follow/documents/certificate/", keys(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content == bytes(case.documents.get(kind="certificate").content)
    assert "行政许可证书" in pdf_text(response.content)


def test_the_follow_page_download_needs_the_right_key(accepted, act, client):
    case = act(accepted(), "decide", DECIDED, result="denied", reasons="不符合条件。")
    wrong = client.post(
        "/cases/follow/documents/decision/", {"tracking_code": case.tracking_code, "access_key": "WRONG"}
    )
    assert wrong.status_code == 400
    assert b"%PDF" not in wrong.content
    assert client.post("/cases/follow/documents/certificate/", keys(case)).status_code == 404


def test_the_api_serves_the_documents_with_the_access_key(accepted, act, client):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="approved")
    key = access.access_key_for(case)
    url = f"/api/v1/cases/{case.tracking_code}/documents/decision"
    response = client.get(url, HTTP_X_ACCESS_KEY=key)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "准予行政许可决定书" in pdf_text(response.content)
    assert client.get(url, HTTP_X_ACCESS_KEY="WRONG").status_code == 404
    assert client.get(url).status_code == 404
    assert client.get(url.replace("decision", "other"), HTTP_X_ACCESS_KEY=key).status_code == 404
    listed = client.get(f"/api/v1/cases/{case.tracking_code}", HTTP_X_ACCESS_KEY=key).json()["documents"]
    assert [d["kind"] for d in listed] == ["decision", "certificate"]
    assert (
        listed[1]["sha256"]
        == hashlib.sha256(bytes(case.documents.get(kind="certificate").content)).hexdigest()
    )


def test_no_document_before_the_decision(accepted, client):
    case = accepted()
    key = access.access_key_for(case)
    assert (
        client.get(
            f"/api/v1/cases/{case.tracking_code}/documents/decision", HTTP_X_ACCESS_KEY=key
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/cases/{case.tracking_code}", HTTP_X_ACCESS_KEY=key).json()["documents"] == []


def test_staff_download_from_the_case_page_and_the_staff_api(accepted, act, client, alice, fred):
    need_cjk_font()
    case = act(accepted(), "decide", DECIDED, result="approved")
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert f"/staff/cases/{case.pk}/documents/certificate/" in page
    response = client.get(f"/staff/cases/{case.pk}/documents/certificate/")
    assert response.status_code == 200
    assert response.content == bytes(case.documents.get(kind="certificate").content)
    client.logout()
    token = token_for(client, "alice")
    api = client.get(f"/api/v1/staff/cases/{case.pk}/documents/decision", **bearer(token))
    assert api.status_code == 200
    assert "准予行政许可决定书" in pdf_text(api.content)
    staff = client.get(f"/api/v1/staff/cases/{case.pk}", **bearer(token)).json()
    assert [d["number"] for d in staff["documents"]] == [
        "CITY-EDU决〔2026〕00001号",
        "CITY-EDU证〔2026〕00001号",
    ]
    other = token_for(client, "fred")
    assert client.get(f"/api/v1/staff/cases/{case.pk}/documents/decision", **bearer(other)).status_code == 404


def test_a_document_issued_without_a_font_is_made_once_when_first_read(accepted, act, client, monkeypatch):
    need_cjk_font()
    from sunshine.cases import documents
    from sunshine.inforequests.documents.fonts import FontNotFound

    real = documents.render_pdf

    def no_font(*args, **kwargs):
        raise FontNotFound("none")

    monkeypatch.setattr(documents, "render_pdf", no_font)
    case = act(accepted(), "decide", DECIDED, result="approved")
    assert case.status == "decided"
    assert case.documents.get(kind="decision").sha256 == ""
    monkeypatch.setattr(documents, "render_pdf", real)
    key = access.access_key_for(case)
    first = client.get(f"/api/v1/cases/{case.tracking_code}/documents/decision", HTTP_X_ACCESS_KEY=key)
    stored = case.documents.get(kind="decision")
    assert stored.sha256 == hashlib.sha256(first.content).hexdigest()
    again = client.get(f"/api/v1/cases/{case.tracking_code}/documents/decision", HTTP_X_ACCESS_KEY=key)
    assert again.content == first.content
    assert CITIZEN_ID not in pdf_text(first.content)
