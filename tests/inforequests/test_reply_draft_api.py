"""The reply being prepared, through the staff API: written, given a file, reviewed and signed, then
sent with the request's ``reply`` action; the same rules as the pages, in the API's error shape."""

from __future__ import annotations

import pytest

from sunshine.agencies.models import Role
from sunshine.inforequests.models import InfoRequest
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, fixed_today, paper_request
from tests.records.files import make_docx, make_pdf


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def received(tree) -> InfoRequest:
    return paper_request(tree["education"], D(2026, 10, 13))


@pytest.fixture
def people(make_user, tree, alice):
    make_user("rita", agency=tree["education"], role=Role.REVIEWER)
    make_user("sid", agency=tree["education"], role=Role.SIGNER)


def url(request: InfoRequest, tail: str = "") -> str:
    return f"/api/v1/staff/requests/{request.pk}/reply-draft{tail}"


def as_(client, username: str) -> dict[str, str]:
    return {**bearer(token_for(client, username)), "HTTP_ACCEPT_LANGUAGE": "en"}


def test_staff_write_review_sign_and_send_a_reply_through_the_api(client, received, people):
    alice = as_(client, "alice")
    assert client.get(url(received), **alice).status_code == 404
    written = client.put(
        url(received),
        {"outcome": "disclosed", "reasons": "予以公开。"},
        content_type="application/json",
        **alice,
    )
    assert written.status_code == 200, written.content
    assert written.json()["status"] == "draft"
    assert written.json()["permitted_steps"] == ["submit"]
    with_file = client.post(
        url(received, "/files"), {"files": [_upload("表.pdf", make_pdf("Budget"))]}, **alice
    )
    assert with_file.status_code == 200, with_file.content
    assert [f["name"] for f in with_file.json()["files"]] == ["表.pdf"]
    assert (
        client.post(
            url(received, "/steps"), {"action": "submit"}, content_type="application/json", **alice
        ).json()["status"]
        == "submitted"
    )
    refused = client.post(
        f"/api/v1/staff/requests/{received.pk}/actions",
        {"action": "reply", "outcome": "disclosed"},
        content_type="application/json",
        **alice,
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "reply_not_signed"

    rita = as_(client, "rita")
    approved = client.post(
        url(received, "/steps"), {"action": "approve"}, content_type="application/json", **rita
    )
    assert approved.json()["status"] == "approved"
    sid = as_(client, "sid")
    signed = client.post(url(received, "/steps"), {"action": "sign"}, content_type="application/json", **sid)
    assert signed.json()["status"] == "signed"
    assert signed.json()["reviewer"] == "rita"
    assert signed.json()["signer"] == "sid"

    sent = client.post(
        f"/api/v1/staff/requests/{received.pk}/actions",
        {"action": "reply"},
        content_type="application/json",
        **alice,
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "replied"
    assert sent.json()["outcome"] == "disclosed"


def test_a_finding_is_named_by_its_digest_masked_and_let_stay_with_a_reason(client, received, people):
    alice = as_(client, "alice")
    client.put(url(received), {"outcome": "disclosed"}, content_type="application/json", **alice)
    client.post(
        url(received, "/files"), {"files": [_upload("名单.docx", make_docx("手机 13912345678"))]}, **alice
    )
    refused = client.post(
        url(received, "/steps"), {"action": "submit"}, content_type="application/json", **alice
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "privacy_findings"
    client.post(
        url(received, "/steps"),
        {"action": "submit", "acknowledged": True},
        content_type="application/json",
        **alice,
    )
    rita = as_(client, "rita")
    finding = client.get(url(received), **rita).json()["findings"][0]
    assert finding["masked"] == "139****5678"
    assert "13912345678" not in client.get(url(received), **rita).content.decode()
    kept = client.post(
        url(received, "/steps"),
        {"action": "keep_finding", "digest": finding["digest"], "reason": "当事人同意"},
        content_type="application/json",
        **rita,
    )
    assert kept.json()["findings"][0]["kept"] is True
    approved = client.post(
        url(received, "/steps"), {"action": "approve"}, content_type="application/json", **rita
    )
    assert approved.status_code == 200, approved.content


def test_another_agencys_staff_do_not_see_the_reply(client, received, make_user, tree):
    make_user("fay", agency=tree["finance"], role=Role.OFFICER)
    fay = as_(client, "fay")
    assert (
        client.put(
            url(received), {"outcome": "disclosed"}, content_type="application/json", **fay
        ).status_code
        == 404
    )


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
