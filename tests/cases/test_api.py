"""Cases through the API: the applicant applies, follows the case with the key and sends files; staff
register cases and take the steps on the action endpoint."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.cases.models import Case, CaseMaterial
from tests.api_helpers import bearer, token_for
from tests.records.files import make_pdf

TODAY = datetime.date(2026, 11, 12)  # a Thursday
CITIZEN_ID = "11010519491231002X"
CASE_FIELDS = {
    "id",
    "tracking_code",
    "service",
    "agency",
    "status",
    "received_on",
    "accepted_on",
    "due_date",
    "promised_date",
    "due_date_provisional",
    "warning",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "service": "EDU-LIC-1",
        "applicant": {
            "kind": "natural_person",
            "name": "陈小明",
            "id_type": "resident_id",
            "id_number": CITIZEN_ID,
            "phone": "13800138000",
        },
        "materials": ["application", {"key": "assets"}],
    }
    data.update(overrides)
    return data


def apply(client, **overrides: Any):
    return client.post("/api/v1/cases", body(**overrides), content_type="application/json")


def follow(client, code: str, key: str):
    return client.get(f"/api/v1/cases/{code}", HTTP_X_ACCESS_KEY=key)


def act(client, token: str, case_id: int, **data: Any):
    return client.post(
        f"/api/v1/staff/cases/{case_id}/actions", data, content_type="application/json", **bearer(token)
    )


def test_applying_online_answers_the_tracking_code_and_the_key(client, licence):
    response = apply(client)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) >= CASE_FIELDS
    assert data["tracking_code"].startswith("B2026-")
    assert data["access_key"]
    assert (data["service"], data["agency"], data["status"]) == ("EDU-LIC-1", "CITY-EDU", "submitted")
    assert data["received_on"] == "2026-11-12"
    assert data["warning"] == "none"
    assert "applicant" not in data
    case = Case.objects.get()
    assert case.version == licence
    assert sorted(CaseMaterial.objects.values_list("key", flat=True)) == ["application", "assets"]


def test_the_same_idempotency_key_gives_the_first_case(client, licence):
    first = client.post(
        "/api/v1/cases", body(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="apply-1"
    )
    again = client.post(
        "/api/v1/cases", body(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="apply-1"
    )
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"service": "NO-SUCH"}, "service"),
        ({"materials": ["passport"]}, "materials.0"),
        (
            {
                "applicant": {
                    "kind": "natural_person",
                    "name": "陈",
                    "id_type": "resident_id",
                    "id_number": "1",
                }
            },
            "applicant.id_number",
        ),
    ],
)
def test_bad_input_answers_422_and_stores_nothing(client, licence, overrides, field):
    response = apply(client, **overrides)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"]
    assert not Case.objects.exists()


def test_the_applicant_sees_what_is_missing_and_why(client, licence, alice):
    created = apply(client, materials=["application"]).json()
    token = token_for(client, "alice")
    response = act(
        client,
        token,
        created["id"],
        action="notify_missing",
        items=[{"material": "assets", "reason": "缺少资产证明原件"}],
    )
    assert response.status_code == 200, response.content
    data = follow(client, created["tracking_code"], created["access_key"]).json()
    assert data["status"] == "awaiting_materials"
    assert data["missing_items"] == [{"material": "assets", "name": "资产证明", "reason": "缺少资产证明原件"}]
    assets = next(m for m in data["materials"] if m["key"] == "assets")
    assert (assets["supplied"], assets["missing"]) == (False, True)
    assert assets["missing_reason"] == "缺少资产证明原件"
    assert data["applicant"]["name"] == "陈小明"  # the key holder's own data
    assert "The agency asked you to add: 资产证明: 缺少资产证明原件" in [e["text"] for e in data["events"]]


def test_sending_the_last_missing_file_through_the_api_records_the_resubmission(client, licence, alice):
    created = apply(client, materials=["application"]).json()
    token = token_for(client, "alice")
    items = [{"material": "assets", "reason": "缺少资产证明原件"}]
    assert act(client, token, created["id"], action="notify_missing", items=items).status_code == 200
    upload = SimpleUploadedFile(
        "资产证明.pdf", make_pdf("Assets certificate"), content_type="application/pdf"
    )
    response = client.post(
        f"/api/v1/cases/{created['tracking_code']}/materials/assets",
        {"file": upload},
        HTTP_X_ACCESS_KEY=created["access_key"],
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(tracking_code=created["tracking_code"])
    assert case.events.filter(action="resubmit").count() == 1
    assert case.status == "submitted"  # back to review: complete from today
    assert case.complete_on == case.events.get(action="resubmit").date


def test_a_wrong_or_missing_key_answers_404(client, licence):
    created = apply(client).json()
    assert follow(client, created["tracking_code"], "wrong").status_code == 404
    assert client.get(f"/api/v1/cases/{created['tracking_code']}").status_code == 404


def test_the_applicant_sends_the_file_of_a_material(client, licence):
    created = apply(client, materials=[]).json()
    pdf = make_pdf("Assets certificate")
    upload = SimpleUploadedFile("资产证明.pdf", pdf, content_type="application/pdf")
    response = client.post(
        f"/api/v1/cases/{created['tracking_code']}/materials/assets",
        {"file": upload},
        HTTP_X_ACCESS_KEY=created["access_key"],
    )
    assert response.status_code == 201, response.content
    assets = next(m for m in response.json()["materials"] if m["key"] == "assets")
    assert assets["with_file"] is True
    stored = CaseMaterial.objects.get()
    assert stored.kind == "pdf"
    assert "资产" not in stored.file.name  # the stored name says nothing about the content


def test_a_file_that_is_not_what_its_name_says_is_refused(client, licence):
    created = apply(client, materials=[]).json()
    upload = SimpleUploadedFile("资产证明.pdf", b"just some text", content_type="application/pdf")
    response = client.post(
        f"/api/v1/cases/{created['tracking_code']}/materials/assets",
        {"file": upload},
        HTTP_X_ACCESS_KEY=created["access_key"],
    )
    assert response.status_code == 422, response.content
    assert "materials.assets" in response.json()["error"]["fields"]
    assert not CaseMaterial.objects.exists()


def test_staff_register_a_counter_case_with_its_day_of_receipt(client, licence, alice):
    token = token_for(client, "alice")
    response = client.post(
        "/api/v1/staff/cases",
        body(received_on="2026-11-02", channel="counter"),
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["received_on"], data["status"]) == ("2026-11-02", "submitted")
    case = Case.objects.get()
    assert (case.channel, case.created_by) == ("counter", alice)


def test_another_agencys_officer_may_not_register_the_case(client, licence, fred):
    token = token_for(client, "fred")
    response = client.post(
        "/api/v1/staff/cases",
        body(received_on="2026-11-02", channel="counter"),
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_staff_take_the_steps_and_read_the_clock_and_the_warning(client, licence, alice, sid):
    token = token_for(client, "alice")
    created = client.post(
        "/api/v1/staff/cases",
        body(received_on="2026-11-02", channel="post"),
        content_type="application/json",
        **bearer(token),
    ).json()
    response = act(client, token, created["id"], action="accept", date="2026-11-02")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["accepted_on"], data["due_date"], data["promised_date"]) == (
        "2026-11-02",
        "2026-11-30",
        "2026-11-16",
    )
    assert data["due_date_provisional"] is False
    assert data["warning"] == "yellow"  # 12 November: 8 of the 10 promised working days used
    assert "decide" in data["permitted_actions"]
    assert "auto_accept" not in data["allowed_actions"]

    assert act(client, token, created["id"], action="accept").status_code == 409
    response = act(
        client, token, created["id"], action="extend", working_days=11, reason="x", approved_by="sid"
    )
    assert response.status_code == 422
    assert "working_days" in response.json()["error"]["fields"]
    assert act(client, token, created["id"], action="no_such_step").status_code == 422

    sid_token = token_for(client, "sid")
    assert act(client, sid_token, created["id"], action="decide", result="approved").status_code == 403
    response = act(client, sid_token, created["id"], action="extend", working_days=5, reason="现场核查")
    assert response.status_code == 200, response.content
    assert response.json()["promised_date"] == "2026-11-23"
    assert response.json()["warning"] == "none"

    detail = client.get(f"/api/v1/staff/cases/{created['id']}", **bearer(token)).json()
    assert set(detail) >= CASE_FIELDS
    assert detail["applicant"]["id_number"] == CITIZEN_ID
    assert [e["action"] for e in detail["events"]] == ["register", "accept", "extend"]


def test_another_agencys_staff_do_not_see_the_case(client, licence, fred):
    created = apply(client).json()
    token = token_for(client, "fred")
    assert client.get(f"/api/v1/staff/cases/{created['id']}", **bearer(token)).status_code == 404
