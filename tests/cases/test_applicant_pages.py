"""The applicant's case page: follow an application with the tracking code and the access key, see
what is missing and why, and send each missing material's file beside it (resubmission made obvious)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.cases import access
from sunshine.cases.models import Case, CaseMaterial
from sunshine.core.models import AuditEntry
from tests.records.files import make_pdf

D = datetime.date
RECEIVED = D(2026, 11, 2)  # a Monday; November 2026 has no holiday
NOTIFIED = D(2026, 11, 3)
TODAY = D(2026, 11, 4)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def waiting(registered, act) -> Case:
    """A case received with the application only; the notice says the assets certificate is missing."""
    case = registered(materials=["application"])
    return act(case, "notify_missing", NOTIFIED, items=[{"material": "assets", "reason": "须加盖公章"}])


def keys(case: Case) -> dict[str, str]:
    return {"tracking_code": case.tracking_code, "access_key": access.access_key_for(case)}


def send(client, case: Case, material: str, name: str, content: bytes, **extra: Any):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/cases/follow/materials/{material}/", {**keys(case), "file": upload, **extra})


def test_the_follow_form_is_a_page_without_the_key_in_the_address(client):
    response = client.get("/cases/follow/")
    assert response.status_code == 200
    assert 'name="access_key"' in response.content.decode()


def test_code_and_key_open_the_case_page_with_status_dates_and_materials(client, registered):
    case = registered(materials=["application"])
    response = client.post("/cases/follow/", keys(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Submitted" in page
    assert "2026-11-02" in page
    assert 'id="material-application"' in page
    assert "Supplied" in page
    assert 'id="material-assets"' in page
    assert "Not yet supplied" in page
    assert 'action="/cases/follow/materials/assets/"' in page  # an upload beside the item not supplied
    assert 'action="/cases/follow/materials/application/"' not in page
    assert 'id="missing-box"' not in page
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_wrong_key_opens_nothing_and_counts_as_a_failed_try(client, registered):
    case = registered()
    response = client.post("/cases/follow/", {"tracking_code": case.tracking_code, "access_key": "WRONG"})
    assert response.status_code == 400
    assert "No application matches" in response.content.decode()
    for _ in range(10):
        client.post("/cases/follow/", {"tracking_code": case.tracking_code, "access_key": "WRONG"})
    blocked = client.post("/cases/follow/", keys(case))
    assert blocked.status_code == 400
    assert "too many unsuccessful attempts" in blocked.content.decode()


def test_the_missing_box_lists_what_is_missing_and_why(client, waiting):
    page = client.post("/cases/follow/", keys(waiting)).content.decode()
    assert 'id="missing-box"' in page
    box = page.split('id="missing-box"')[1].split("</section>")[0]
    assert "资产证明" in box
    assert "须加盖公章" in box
    assert "设立申请书" not in box
    assert "examines your application again" in box
    assert "Why: 须加盖公章" in page
    assert 'action="/cases/follow/materials/assets/"' in page


def test_sending_the_last_missing_item_records_the_resubmission_and_the_case_goes_back_to_review(
    client, waiting
):
    response = send(client, waiting, "assets", "资产证明.pdf", make_pdf("Assets"))
    page = response.content.decode()
    assert response.status_code == 200, page
    assert "every missing material has arrived" in page
    assert 'id="missing-box"' not in page
    waiting.refresh_from_db()
    assert waiting.status == "submitted"  # examined again: the materials are complete today
    assert waiting.complete_on == TODAY
    assert AuditEntry.objects.filter(action="case.receive_missing", actor=None).count() == 1
    assert CaseMaterial.objects.filter(case=waiting, key="assets").exclude(file="").count() == 1
    assert waiting.events.filter(action="resubmit", date=TODAY).count() == 1
    assert AuditEntry.objects.filter(action="case.resubmit").count() == 1
    assert "You sent every missing material" in page


def test_a_bad_file_is_refused_beside_the_item_and_nothing_is_stored(client, waiting):
    response = send(client, waiting, "assets", "资产证明.pdf", b"just some text")
    page = response.content.decode()
    assert response.status_code == 422
    item = page.split('id="material-assets"')[1].split("</li>")[0]
    assert 'class="field__error"' in item
    assert not CaseMaterial.objects.filter(case=waiting, key="assets").exists()
    assert not waiting.events.filter(action="resubmit").exists()
    assert 'id="missing-box"' in page


def test_the_error_is_in_the_users_language(waiting):
    from django.test import Client

    response = send(Client(HTTP_ACCEPT_LANGUAGE="zh-hans"), waiting, "assets", "a.pdf", b"")
    assert response.status_code == 400
    item = response.content.decode().split('id="material-assets"')[1].split("</li>")[0]
    assert "field__error" in item
    assert "文件为空" in item


def test_nothing_is_stored_for_a_wrong_key(client, waiting):
    upload = SimpleUploadedFile("资产证明.pdf", make_pdf("Assets"), content_type="application/pdf")
    response = client.post(
        "/cases/follow/materials/assets/",
        {"tracking_code": waiting.tracking_code, "access_key": "WRONG", "file": upload},
    )
    assert response.status_code == 400
    assert not CaseMaterial.objects.filter(case=waiting, key="assets").exists()


def test_the_guide_links_to_following_an_application(client, licence):
    page = client.get("/services/EDU-LIC-1/").content.decode()
    assert 'href="/cases/follow/"' in page
