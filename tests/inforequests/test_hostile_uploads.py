"""Hostile files sent with a request (docs/security.md#uploads): the applicant's correction on the
request's page, the fee receipt through the API and the reply's files through the staff API are
checked like a record's attachments (a document nested too deep, a program), read before the
transaction that stores them, and kept under their real extension."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest, RequestFile
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, act, fixed_today, paper_request
from tests.records.conftest import media
from tests.records.files import make_pdf
from tests.records.hostile_files import nested_paragraphs_docx, reading_watched

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TOO_DEEP = "The document&#x27;s structure is too deep to be read."
PROGRAM = b"MZ\x90\x00" + b"\x00" * 60 + make_pdf("receipt")
__all__ = ["media"]  # files go to a temporary folder (autouse)


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def received(tree) -> InfoRequest:
    return paper_request(tree["education"], D(2026, 10, 13))


def send_correction(client, request: InfoRequest, data: bytes, name: str):
    form = {
        "tracking_code": request.tracking_code,
        "access_key": access.access_key_for(request),
        "text": "见附件",
        "files": [SimpleUploadedFile(name, data)],
    }
    return client.post("/requests/status/correction/", form, **EN)


def test_a_correction_of_paragraphs_nested_too_deep_is_refused_on_the_page(client, received, alice):
    awaiting = act(
        received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5
    )
    with reading_watched() as depths:
        response = send_correction(client, awaiting, nested_paragraphs_docx(300_000), "更正.docx")
    assert response.status_code == 422
    assert TOO_DEEP in response.content.decode()
    assert depths == [0]
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_correction"
    assert not RequestFile.objects.exists()


def test_a_correction_is_read_before_its_transaction_and_kept_under_its_real_extension(
    client, received, alice
):
    awaiting = act(
        received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5
    )
    with reading_watched() as depths:
        response = send_correction(client, awaiting, make_pdf("corrected"), "申请.pdf.exe")
    assert response.status_code == 200
    assert depths == [0]
    assert RequestFile.objects.get().name == "申请.pdf"


def test_a_fee_receipt_that_is_a_program_is_refused_through_the_api(client, received, alice):
    awaiting = act(received, "notify_fee", D(2026, 10, 14), by=alice, method="per_page", pages=40)
    with reading_watched() as depths:
        response = client.post(
            f"/api/v1/requests/{awaiting.tracking_code}/fee",
            {"decision": "paid", "reference": "FS-9", "files": [SimpleUploadedFile("回单.pdf", PROGRAM)]},
            HTTP_X_ACCESS_KEY=access.access_key_for(awaiting),
            **EN,
        )
    assert response.status_code == 422, response.content
    assert "Programs and scripts cannot be attached" in response.json()["error"]["fields"]["files"]
    assert depths == []  # refused from its first bytes: nothing to read
    assert not RequestFile.objects.exists()


def test_the_reply_files_are_read_before_their_transaction(client, received, alice):
    headers = {**bearer(token_for(client, "alice")), **EN}
    with reading_watched() as depths:
        response = client.post(
            f"/api/v1/staff/requests/{received.pk}/reply-draft/files",
            {
                "files": [
                    SimpleUploadedFile("表.pdf", make_pdf("one")),
                    SimpleUploadedFile("a.php.pdf", make_pdf("2")),
                ]
            },
            **headers,
        )
    assert response.status_code == 200, response.content
    assert depths == [0, 0]
    assert [f["name"] for f in response.json()["files"]] == ["表.pdf", "a.pdf"]
