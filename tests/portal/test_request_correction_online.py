"""The applicant answers a correction request online, on the request's page or through the API: text
and files arrive, ``receive_correction`` is recorded that day and the reply period starts again;
staff read the text and download the files; nothing is kept when the correction is refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest, RequestEvent, RequestFile
from tests.backoffice import D, act, fixed_today, paper_request
from tests.records.files import make_pdf

PDF = make_pdf("Corrected application")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def awaiting(tree, alice) -> InfoRequest:
    """Received on Tue 2026-10-13; a correction asked for on 10-14 (today is Thu 10-15)."""
    request = paper_request(tree["education"], D(2026, 10, 13))
    return act(
        request, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5
    )


def send(client, request: InfoRequest, **data):
    form = {"tracking_code": request.tracking_code, "access_key": access.access_key_for(request), **data}
    return client.post("/requests/status/correction/", form, **EN)


def test_the_page_offers_the_correction_form_while_one_is_awaited(client, awaiting):
    html = client.get(access.private_path(awaiting), **EN).content.decode()
    assert 'data-form="correction"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_correction_sent_on_the_page_restarts_the_reply_period_that_day(client, awaiting, today):
    pdf = SimpleUploadedFile("更正后的申请.pdf", PDF, content_type="application/pdf")
    response = send(client, awaiting, text="文号为阳政办发〔2025〕3号", files=[pdf])
    assert response.status_code == 200
    assert "Your correction has been sent" in response.content.decode()
    updated = InfoRequest.objects.get(pk=awaiting.pk)
    assert updated.status == "received"
    assert updated.clock_start == today
    event = RequestEvent.objects.get(request=updated, action="receive_correction")
    assert event.date == today
    assert event.by is None
    assert event.data["text"] == "文号为阳政办发〔2025〕3号"
    assert [f["name"] for f in event.data["files"]] == ["更正后的申请.pdf"]
    stored = RequestFile.objects.get()
    assert stored.event == event
    assert stored.from_applicant


def test_staff_read_the_correction_and_download_its_file(client, awaiting, alice, make_user, tree):
    send(client, awaiting, text="补充说明", files=[SimpleUploadedFile("a.pdf", PDF)])
    stored = RequestFile.objects.get()
    client.force_login(alice)
    page = client.get(f"/staff/requests/{awaiting.pk}/", **EN).content.decode()
    assert "补充说明" in page
    assert f"/staff/requests/{awaiting.pk}/files/{stored.pk}/" in page
    download = client.get(f"/staff/requests/{awaiting.pk}/files/{stored.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(make_user("fred", agency=tree["finance"], role="officer"))
    assert client.get(f"/staff/requests/{awaiting.pk}/files/{stored.pk}/").status_code == 404


def test_an_empty_correction_is_asked_for_and_changes_nothing(client, awaiting):
    response = send(client, awaiting, text="  ")
    assert response.status_code == 422
    assert 'id="error_correction_text"' in response.content.decode()
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_correction"


def test_a_file_whose_content_is_not_what_its_name_says_is_refused_and_not_kept(client, awaiting):
    fake = SimpleUploadedFile("申请.pdf", b"PK\x03\x04 not a pdf at all", content_type="application/pdf")
    response = send(client, awaiting, text="见附件", files=[fake])
    assert response.status_code == 422
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_correction"
    assert not RequestFile.objects.exists()


def test_a_correction_when_none_is_awaited_is_a_409(client, tree):
    request = paper_request(tree["education"], D(2026, 10, 13))
    assert send(client, request, text="多余的补正").status_code == 409


def test_a_wrong_key_opens_nothing(client, awaiting):
    response = client.post(
        "/requests/status/correction/",
        {"tracking_code": awaiting.tracking_code, "access_key": "0" * 24, "text": "x"},
        **EN,
    )
    assert response.status_code == 404
    assert InfoRequest.objects.get(pk=awaiting.pk).status == "awaiting_correction"


def test_the_api_takes_a_correction_as_multipart(client, awaiting, today):
    response = client.post(
        f"/api/v1/requests/{awaiting.tracking_code.lower()}/correction",
        {"text": "文号见附件", "files": [io.BytesIO(PDF)]},
        HTTP_X_ACCESS_KEY=access.access_key_for(awaiting).upper(),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "received"
    assert response.json()["history"][-1]["action"] == "receive_correction"
    again = client.post(
        f"/api/v1/requests/{awaiting.tracking_code}/correction",
        {"text": "again"},
        HTTP_X_ACCESS_KEY=access.access_key_for(awaiting),
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "action_not_allowed"
