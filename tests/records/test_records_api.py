"""The staff records API: draft, edit, attach, submit, review, sign, publish, withdraw; every error in
the project's one envelope."""

from __future__ import annotations

import datetime

import pytest

from sunshine.records.codes import Status
from sunshine.records.models import Record, Revision
from tests.api_helpers import bearer, token_for
from tests.records.conftest import ALL_CHECKS, CITIZEN_ID
from tests.records.files import make_pdf, make_png

URL = "/api/v1/staff/records"


@pytest.fixture
def as_user(client):
    def headers(username: str) -> dict[str, str]:
        return {**bearer(token_for(client, username)), "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def post(client, path: str, body: dict, headers: dict):
    return client.post(URL + path, body, content_type="application/json", **headers)


DRAFT = {
    "agency": "CITY-EDU",
    "title": "阳光市教育局关于做好2026年义务教育招生工作的通知",
    "category": "notices",
    "genre": "notice",
    "document_number": "阳教发[2026]12号",
    "formation_date": "2026-03-02",
    "keywords": ["招生", "义务教育"],
    "body": "各区教育局：\n现将有关事项通知如下。",
    "topic": "10.02",
}


def test_an_officer_drafts_a_record(client, tree, alice, as_user):
    response = post(client, "", DRAFT, as_user("alice"))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == Status.DRAFT
    assert data["document_number"] == "阳教发〔2026〕12号"
    assert data["issuers"] == ["CITY-EDU"]
    assert data["keywords"] == ["招生", "义务教育"]
    assert data["topic"]["name"] == "科技、教育\\教育"
    assert data["due_on"] == "2026-03-30"
    assert data["index_number"] is None
    assert data["allowed_actions"] == ["edit", "submit"]


def test_bad_input_answers_the_envelope_and_stores_nothing(client, tree, alice, as_user):
    response = post(client, "", {**DRAFT, "category": "nonsense", "issuers": ["NOPE"]}, as_user("alice"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"category", "issuers"}
    response = post(client, "", {**DRAFT, "formation_date": "2030-01-01"}, as_user("alice"))
    assert response.json()["error"]["fields"] == {
        "formation_date": "The date of formation cannot be in the future."
    }
    response = post(client, "", {**DRAFT, "title": ""}, as_user("alice"))
    assert response.status_code == 422
    assert "title" in response.json()["error"]["fields"]
    assert not Record.objects.exists()


def test_one_cannot_draft_for_an_agency_out_of_reach(client, tree, alice, as_user):
    response = post(client, "", {**DRAFT, "agency": "CITY-FIN"}, as_user("alice"))
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"agency"}


def test_the_whole_way_to_publication_and_withdrawal(client, tree, alice, rita, simon, as_user):
    record_id = post(client, "", DRAFT, as_user("alice")).json()["id"]
    upload = client.post(
        f"{URL}/{record_id}/attachments",
        {"file": _file(make_pdf("Applicant " + CITIZEN_ID), "附件.pdf")},
        **as_user("alice"),
    )
    assert upload.status_code == 201, upload.content
    data = upload.json()
    assert data["attachments"][0]["name"] == "附件.pdf"
    assert data["open_findings"] == 1
    assert data["findings"][0]["kind"] == "resident_id"
    assert data["findings"][0]["masked"] == "110105********002X"

    refused = post(client, f"/{record_id}/submit", {}, as_user("alice"))
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "privacy_findings"

    attachment_id = data["attachments"][0]["id"]
    removed = client.delete(f"{URL}/{record_id}/attachments/{attachment_id}", **as_user("alice"))
    assert removed.status_code == 200
    assert removed.json()["open_findings"] == 0
    submitted = post(client, f"/{record_id}/submit", {"comments": "请审查"}, as_user("alice"))
    assert submitted.json()["status"] == Status.SUBMITTED

    forbidden = post(
        client, f"/{record_id}/review", {"decision": "approve", "checklist": ALL_CHECKS}, as_user("alice")
    )
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "permission_denied"
    incomplete = post(
        client, f"/{record_id}/review", {"decision": "approve", "checklist": ALL_CHECKS[:2]}, as_user("rita")
    )
    assert incomplete.status_code == 422
    approved = post(
        client, f"/{record_id}/review", {"decision": "approve", "checklist": ALL_CHECKS}, as_user("rita")
    )
    assert approved.json()["status"] == Status.APPROVED
    assert approved.json()["history"][-1]["checklist"] == dict.fromkeys(ALL_CHECKS, True)

    signed = post(client, f"/{record_id}/sign", {}, as_user("simon"))
    assert signed.json()["status"] == Status.SIGNED
    published = post(client, f"/{record_id}/publish", {}, as_user("simon"))
    assert published.json()["status"] == Status.PUBLISHED
    assert published.json()["index_number"].startswith("CITY-EDU/")

    again = post(client, f"/{record_id}/publish", {}, as_user("simon"))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "not_allowed_in_status"

    withdrawn = post(client, f"/{record_id}/withdraw", {"reason": "附件有误"}, as_user("simon"))
    assert withdrawn.json()["status"] == Status.WITHDRAWN
    revised = post(client, f"/{record_id}/revisions", {}, as_user("alice"))
    assert revised.status_code == 201
    assert (revised.json()["revision"], revised.json()["status"]) == (2, Status.DRAFT)


def test_a_publication_can_be_scheduled(client, tree, olga, as_user):
    record_id = post(client, "", DRAFT, as_user("olga")).json()["id"]
    post(client, f"/{record_id}/submit", {}, as_user("olga"))
    post(client, f"/{record_id}/review", {"decision": "approve", "checklist": ALL_CHECKS}, as_user("olga"))
    post(client, f"/{record_id}/sign", {}, as_user("olga"))
    at = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)).isoformat()
    scheduled = post(client, f"/{record_id}/publish", {"at": at}, as_user("olga"))
    assert scheduled.json()["status"] == Status.SCHEDULED
    assert scheduled.json()["index_number"] is None


def test_the_reviewer_overrides_a_finding_with_a_reason(client, tree, alice, rita, as_user):
    record_id = post(client, "", {**DRAFT, "body": "联系电话：0571-87654321"}, as_user("alice")).json()["id"]
    post(client, f"/{record_id}/submit", {"acknowledge_findings": True}, as_user("alice"))
    finding = client.get(f"{URL}/{record_id}", **as_user("rita")).json()["findings"][0]
    response = post(
        client,
        f"/{record_id}/overrides",
        {"finding": finding["id"], "reason": "公开的办公电话"},
        as_user("rita"),
    )
    assert response.status_code == 200
    assert response.json()["findings"][0]["overridden"] is True
    assert response.json()["open_findings"] == 0
    missing = post(client, f"/{record_id}/overrides", {"finding": "f" * 40, "reason": "x"}, as_user("rita"))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_a_file_of_the_wrong_type_is_refused_in_the_envelope(client, tree, alice, as_user):
    record_id = post(client, "", DRAFT, as_user("alice")).json()["id"]
    response = client.post(
        f"{URL}/{record_id}/attachments", {"file": _file(make_png(), "通知.pdf")}, **as_user("alice")
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "name_mismatch"
    assert "file" in response.json()["error"]["fields"]


def test_records_of_other_agencies_are_not_found(client, tree, alice, fred, as_user):
    record_id = post(client, "", DRAFT, as_user("alice")).json()["id"]
    response = client.get(f"{URL}/{record_id}", **as_user("fred"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get(URL, **as_user("fred")).json()["count"] == 0


def test_the_list_filters_and_the_catalogue(client, tree, alice, olga, as_user):
    post(client, "", DRAFT, as_user("alice"))
    post(client, "", {**DRAFT, "title": "工作动态", "category": "work_news"}, as_user("alice"))
    listed = client.get(URL + "?category=work_news", **as_user("olga")).json()
    assert [row["title"] for row in listed["results"]] == ["工作动态"]
    assert client.get(URL + "?agency=CITY&status=draft", **as_user("olga")).json()["count"] == 2
    assert client.get(URL + "?agency=CITY&include_below=false", **as_user("olga")).json()["count"] == 0
    categories = client.get(URL + "/categories?agency=CITY-EDU", **as_user("alice")).json()
    assert {"key": "budget", "parent": "finance"}.items() <= next(
        c for c in categories if c["key"] == "budget"
    ).items()


def test_changing_a_draft(client, tree, alice, as_user):
    record_id = post(client, "", DRAFT, as_user("alice")).json()["id"]
    response = client.patch(
        f"{URL}/{record_id}",
        {"title": "新标题", "issuers": ["CITY-EDU", "CITY-FIN"]},
        content_type="application/json",
        **as_user("alice"),
    )
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["issuers"]) == ("新标题", ["CITY-EDU", "CITY-FIN"])
    assert Revision.objects.get(record_id=record_id).title == "新标题"


def test_the_api_needs_a_signed_in_person(client, db):
    assert client.get(URL).status_code == 401
    assert client.get(URL).json()["error"]["code"] == "not_authenticated"


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
