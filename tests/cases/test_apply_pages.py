"""Applying for a service through the pages: the start button on the guide, the task list, the
details (checked as for requests), one upload page per material, the answers to check, and the
confirmation with the tracking code, the key shown once and the private link; sent once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from sunshine.cases.models import Case, CaseDraft, CaseDraftFile
from sunshine.core.models import AuditEntry
from tests.cases.conftest import CITIZEN_ID
from tests.records.files import make_pdf

D = datetime.date
TODAY = D(2026, 11, 4)  # a Wednesday; November 2026 has no holiday
BASE = "/services/EDU-LIC-1/apply/"
DETAILS = {
    "applicant_kind": "natural_person",
    "name": "陈小明",
    "id_type": "resident_id",
    "id_number": CITIZEN_ID,
    "phone": "13800138000",
    "email": "chen@example.com",
    "address": "",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def upload(client, key: str, name: str = "申请书.pdf", content: bytes | None = None, **extra: str):
    file = SimpleUploadedFile(name, make_pdf("hello") if content is None else content)
    return client.post(f"{BASE}materials/{key}/", {"file": file, **extra})


def fill(client) -> None:
    assert client.post(f"{BASE}details/", DETAILS).status_code == 302
    assert upload(client, "application").status_code == 302
    assert upload(client, "assets", "资产.pdf").status_code == 302


def test_the_guide_offers_a_start_button_only_when_the_guide_allows_applying_online(client, licence):
    page = client.get("/services/EDU-LIC-1/").content.decode()
    assert 'id="apply-online"' in page
    assert f'href="{BASE}"' in page
    type(licence).objects.filter(pk=licence.pk).update(online_level=1)
    assert 'id="apply-online"' not in client.get("/services/EDU-LIC-1/").content.decode()
    assert client.get(BASE).status_code == 404


def test_the_task_list_marks_required_materials_and_not_started_items(client, licence):
    page = client.get(BASE).content.decode()
    assert "Required" in page
    assert page.count("Not started") == 3  # the details and the two materials
    assert "Cannot start yet" in page
    assert CaseDraft.objects.count() == 0  # nothing stored before the applicant gives something


def test_details_are_checked_as_for_requests_with_the_message_in_english(client, licence):
    response = client.post(f"{BASE}details/", {**DETAILS, "id_number": "110105194912310021"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "This is not a valid 18-character resident identity number." in page
    assert CaseDraft.objects.count() == 0


def test_a_file_of_a_wrong_type_is_refused_beside_the_item(client, licence):
    response = upload(client, "application", "申请书.pdf", b"MZ\x90\x00 not a document at all")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert CaseDraftFile.objects.count() == 0


def test_uploads_are_kept_privately_and_the_task_list_says_uploaded(client, licence, media):
    client.post(f"{BASE}details/", DETAILS)
    upload(client, "application")
    page = client.get(BASE).content.decode()
    assert "Uploaded" in page
    assert "Completed" in page
    stored = CaseDraftFile.objects.get()
    assert stored.file.name.startswith("case_drafts/")
    assert "申请书" not in stored.file.name
    assert (media / stored.file.name).exists()
    # the session holds only a token: the database keeps its digest, and the page's URL no data
    draft = CaseDraft.objects.get()
    assert draft.applicant["name"] == "陈小明"
    assert all(draft.token_digest not in str(v) for v in client.session.values())


def test_the_check_page_masks_the_id_number_and_links_each_part_to_change(client, licence):
    fill(client)
    page = client.get(f"{BASE}check/").content.decode()
    assert CITIZEN_ID not in page
    assert "110105********002X" in page
    assert f'href="{BASE}details/?return_to=check"' in page
    assert f'href="{BASE}materials/assets/?return_to=check"' in page
    assert "资产.pdf" in page
    # changing a part from the check page comes back to it
    response = client.post(f"{BASE}details/", {**DETAILS, "phone": "13900139000", "return_to": "check"})
    assert response.headers["Location"] == f"{BASE}check/"


def test_the_whole_journey_makes_one_case_through_the_service_with_key_shown_once(client, licence):
    fill(client)
    response = client.post(f"{BASE}check/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{BASE}done/"
    case = Case.objects.get()
    assert case.channel == "online"
    assert case.status == "submitted"
    assert case.applicant_id_number == CITIZEN_ID
    assert sorted(case.materials.values_list("key", flat=True)) == ["application", "assets"]
    assert case.events.get().action == "submit"
    assert AuditEntry.objects.filter(action="case.submit").count() == 1
    assert case.language == "en"
    done = client.get(f"{BASE}done/").content.decode()
    from sunshine.cases import access

    assert case.tracking_code in done
    assert access.access_key_for(case) in done
    assert access.private_path(case) in done
    again = client.get(f"{BASE}done/").content.decode()
    assert case.tracking_code in again
    assert access.access_key_for(case) not in again
    # the draft forgot the details and files; a second send makes no second case
    draft = CaseDraft.objects.get()
    assert draft.applicant == {}
    assert not draft.files.exists()
    assert client.post(f"{BASE}check/").headers["Location"] == f"{BASE}done/"
    assert Case.objects.count() == 1
    # the private link opens the case page
    private = client.get(access.private_path(case))
    assert private.status_code == 200
    assert case.tracking_code in private.content.decode()


def test_sending_without_a_required_material_is_refused_on_the_check_page(client, licence):
    client.post(f"{BASE}details/", DETAILS)
    upload(client, "application")
    response = client.post(f"{BASE}check/")
    assert response.status_code == 400
    assert "Send the file of “资产证明”." in response.content.decode()
    assert Case.objects.count() == 0


def test_a_wrong_private_link_opens_nothing(client, licence):
    fill(client)
    client.post(f"{BASE}check/")
    case = Case.objects.get()
    assert client.get(f"/cases/follow/{case.tracking_code}/{'0' * 32}/").status_code == 404


def test_the_sweep_removes_drafts_older_than_seven_days_with_their_files(client, licence, media):
    client.post(f"{BASE}details/", DETAILS)
    upload(client, "application")
    stored = CaseDraftFile.objects.get()
    path = media / stored.file.name
    CaseDraft.objects.update(updated_at=timezone.now() - datetime.timedelta(days=8))
    call_command("cases_sweep", "--today", TODAY.isoformat(), stdout=io.StringIO())
    assert CaseDraft.objects.count() == 0
    assert not path.exists()
