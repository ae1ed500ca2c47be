"""The applicant's file through the API: ``GET /api/v1/requests/{code}`` lists the steps in words,
the notices and the files; each downloads with the ``X-Access-Key`` header only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest, RequestFile
from tests.backoffice import D, act, fixed_today, paper_request
from tests.inforequests.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font, pdf_text
from tests.records.files import make_pdf

PDF = make_pdf("Corrected application")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def received(tree) -> InfoRequest:
    """Received by post on Tue 2026-10-13 (today is Thu 10-15)."""
    return paper_request(tree["education"], D(2026, 10, 13))


def key_of(request: InfoRequest) -> dict[str, str]:
    return {"HTTP_X_ACCESS_KEY": access.access_key_for(request)}


def read(client, request: InfoRequest) -> dict:
    response = client.get(
        f"/api/v1/requests/{request.tracking_code}", HTTP_ACCEPT_LANGUAGE="en", **key_of(request)
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_the_events_carry_the_applicants_history_lines(client, received, alice):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    events = read(client, received)["events"]
    assert [e["action"] for e in events] == ["submit", "confirm_receipt", "request_correction"]
    assert [e["date"] for e in events] == ["2026-10-13", "2026-10-13", "2026-10-14"]
    assert all(e["text"] and e["text"] != e["action"] for e in events)
    assert "alice" not in str(events)


def test_the_documents_are_the_notices_for_the_applicant_with_urls_needing_the_key(client, received):
    documents = read(client, received)["documents"]
    assert documents == [
        {
            "kind": "receipt",
            "title": "Acknowledgement of receipt",
            "url": f"/api/v1/requests/{received.tracking_code}/documents/receipt.pdf",
        }
    ]


def test_the_receipt_downloads_with_the_key(client, received):
    need_cjk_font()
    url = f"/api/v1/requests/{received.tracking_code}/documents/receipt.pdf"
    response = client.get(url, **key_of(received))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert received.tracking_code in text
    assert CITIZEN_ID not in text


def test_a_wrong_or_missing_key_gets_404_for_every_download(client, received):
    code = received.tracking_code
    for url in (f"/api/v1/requests/{code}/documents/receipt.pdf", f"/api/v1/requests/{code}/files/1"):
        assert client.get(url, HTTP_X_ACCESS_KEY="0" * 24).status_code == 404
        assert client.get(url).status_code == 404


def test_staff_only_kinds_are_not_offered_or_downloadable(client, received, alice):
    act(received, "start_consultation", D(2026, 10, 14), by=alice, party="third_party")
    assert [d["kind"] for d in read(client, received)["documents"]] == ["receipt"]
    code = received.tracking_code
    for kind in ("consultation_letter", "reply_notice", "nothing"):
        url = f"/api/v1/requests/{code}/documents/{kind}.pdf"
        assert client.get(url, **key_of(received)).status_code == 404


def test_a_correction_file_sent_by_the_applicant_is_listed_and_downloadable_with_the_key(
    client, received, alice
):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    upload = SimpleUploadedFile("更正后的申请.pdf", PDF, content_type="application/pdf")
    sent = client.post(
        f"/api/v1/requests/{received.tracking_code}/correction",
        {"text": "文号为3号", "files": [upload]},
        **key_of(received),
    )
    assert sent.status_code == 200, sent.content
    stored = RequestFile.objects.get()
    url = f"/api/v1/requests/{received.tracking_code}/files/{stored.pk}"
    expected = {"id": stored.pk, "name": "更正后的申请.pdf", "size": len(PDF), "url": url}
    assert sent.json()["files"] == [expected]
    assert read(client, received)["files"] == [expected]
    download = client.get(url, **key_of(received))
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF
    assert client.get(url, HTTP_X_ACCESS_KEY="0" * 24).status_code == 404


def test_a_file_the_applicant_may_not_have_is_a_404(client, received, tree, alice):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/api/v1/requests/{received.tracking_code}/correction", {"files": [upload]}, **key_of(received)
    )
    stored = RequestFile.objects.get()
    other = paper_request(tree["education"], D(2026, 10, 13), name="李四")
    assert (
        client.get(f"/api/v1/requests/{other.tracking_code}/files/{stored.pk}", **key_of(other)).status_code
        == 404
    )
    RequestFile.objects.filter(pk=stored.pk).update(from_applicant=False)
    url = f"/api/v1/requests/{received.tracking_code}/files/{stored.pk}"
    assert client.get(url, **key_of(received)).status_code == 404
    assert read(client, received)["files"] == []


def test_a_fee_notice_is_offered_to_the_applicant_once_it_was_sent(client, received, alice):
    act(received, "notify_fee", D(2026, 10, 14), by=alice, method="per_page", pages=150)
    kinds = [d["kind"] for d in read(client, received)["documents"]]
    assert kinds == ["receipt", "fee_notice"]


def test_a_file_sent_with_the_reply_is_the_applicants_too(client, received, alice):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/api/v1/requests/{received.tracking_code}/correction", {"files": [upload]}, **key_of(received)
    )
    RequestFile.objects.update(from_applicant=False, purpose=RequestFile.Purpose.REPLY)
    stored = RequestFile.objects.get()
    assert [f["id"] for f in read(client, received)["files"]] == [stored.pk]
    url = f"/api/v1/requests/{received.tracking_code}/files/{stored.pk}"
    assert client.get(url, **key_of(received)).status_code == 200


def test_a_file_missing_from_storage_is_a_404_for_the_applicant_not_a_server_error(
    client, received, alice, caplog
):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    upload = SimpleUploadedFile("更正后的申请.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/api/v1/requests/{received.tracking_code}/correction",
        {"text": "文号为3号", "files": [upload]},
        **key_of(received),
    )
    stored = RequestFile.objects.get()
    stored.file.storage.delete(stored.file.name)

    response = client.get(f"/api/v1/requests/{received.tracking_code}/files/{stored.pk}", **key_of(received))

    assert response.status_code == 404
    assert any("missing from storage" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
