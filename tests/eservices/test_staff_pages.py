"""The back office's service-guide pages: an officer creates an item with its rows, edits the draft,
adds a blank form, submits; a reviewer publishes or returns it; a new version starts from the
published one; the navigation offers the pages to people with an agency only."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.eservices import services
from sunshine.eservices.codes import Status
from sunshine.eservices.models import MaterialFile, Version
from tests.eservices.conftest import FIELDS
from tests.records.files import make_pdf

PDF = make_pdf("Application form")


def _formset(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                data[f"{prefix}-{i}-{name}"] = "on"
            elif value is not False:
                data[f"{prefix}-{i}-{name}"] = value
    return data


def _post_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: value for name, value in FIELDS.items() if value is not False}
    data["free"] = "on"
    data["events"] = ["education"]
    data.update(
        _formset(
            "materials",
            [
                {
                    "key": "application",
                    "name": "设立申请书",
                    "form": "original",
                    "copies": "1",
                    "required": True,
                },
                {"key": "", "name": "", "form": "original", "copies": "1", "required": True},
            ],
        )
    )
    data.update(_formset("steps", [{"key": "", "name": "受理", "role": "窗口", "days": "1"}]))
    data.update(_formset("windows", []))
    data.update(overrides)
    return data


def test_an_officer_creates_an_item_and_sends_it_to_review(client, alice, tree):
    client.force_login(alice)
    assert client.get("/staff/eservices/new/").status_code == 200
    response = client.post(
        "/staff/eservices/new/", {**_post_data(), "agency": tree["education"].pk, "code": "EDU-100"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/eservices/EDU-100/v1/"
    version = Version.objects.get()
    assert list(version.materials.values_list("key", flat=True)) == ["application"]
    assert list(version.steps.values_list("key", flat=True)) == ["s1"]
    page = client.get("/staff/eservices/EDU-100/v1/").content.decode()
    assert 'role="img"' in page
    assert "受理" in page
    assert client.post("/staff/eservices/EDU-100/v1/step/submit/").status_code == 302
    version.refresh_from_db()
    assert version.status == Status.SUBMITTED
    assert "EDU-100" in client.get("/staff/eservices/").content.decode()


def test_errors_are_shown_beside_the_fields_and_nothing_is_stored(client, alice, tree):
    client.force_login(alice)
    data = {**_post_data(promised_days="30"), "agency": tree["education"].pk, "code": "EDU-101"}
    response = client.post("/staff/eservices/new/", data)
    assert response.status_code == 422
    assert "The promised time limit cannot be longer than the statutory one." in response.content.decode()
    assert not Version.objects.exists()


def test_editing_a_draft_removes_a_ticked_row_and_keeps_the_others(client, alice, draft):
    version = draft()
    client.force_login(alice)
    data = _post_data()
    data.update(
        _formset(
            "materials",
            [
                {
                    "key": "application",
                    "name": "设立申请书（新）",
                    "form": "original",
                    "copies": "1",
                    "required": True,
                },
                {"key": "m1", "name": "资产来源证明", "form": "copy", "copies": "2", "DELETE": True},
            ],
            initial=2,
        )
    )
    response = client.post("/staff/eservices/EDU-001/v1/", data)
    assert response.status_code == 302
    assert list(version.materials.values_list("name", flat=True)) == ["设立申请书（新）"]


def test_a_blank_form_is_uploaded_with_its_type_read_from_its_bytes(client, alice, draft):
    draft()
    client.force_login(alice)
    upload = SimpleUploadedFile("申请表.pdf", PDF, content_type="application/pdf")
    response = client.post("/staff/eservices/EDU-001/v1/materials/application/template/", {"file": upload})
    assert response.status_code == 302
    stored = MaterialFile.objects.get()
    assert (stored.kind, stored.purpose) == ("pdf", "template")
    fake = SimpleUploadedFile("样表.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post("/staff/eservices/EDU-001/v1/materials/application/sample/", {"file": fake})
    assert response.status_code == 422
    assert MaterialFile.objects.count() == 1


def test_a_reviewer_publishes_from_the_review_page_and_the_author_cannot(client, alice, rita, draft):
    version = draft()
    services.take_action(version=version, action="submit", by=alice)
    client.force_login(rita)
    page = client.get("/staff/eservices/EDU-001/v1/").content.decode()
    assert 'action="/staff/eservices/EDU-001/v1/step/publish/"' in page
    assert 'action="/staff/eservices/EDU-001/v1/step/return/"' in page
    assert client.post("/staff/eservices/EDU-001/v1/step/publish/").status_code == 302
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED


def test_a_reviewer_returns_with_comments_that_the_author_reads(client, alice, rita, draft):
    version = draft()
    services.take_action(version=version, action="submit", by=alice)
    client.force_login(rita)
    assert client.post("/staff/eservices/EDU-001/v1/step/return/", {"comments": ""}).status_code == 422
    client.post("/staff/eservices/EDU-001/v1/step/return/", {"comments": "写明收费依据"})
    client.force_login(alice)
    assert "写明收费依据" in client.get("/staff/eservices/EDU-001/v1/").content.decode()


def test_a_new_version_is_started_from_the_published_page(client, alice, published):
    published()
    client.force_login(alice)
    response = client.post("/staff/eservices/EDU-001/new-version/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/eservices/EDU-001/v2/"
    assert client.post("/staff/eservices/EDU-001/new-version/").status_code == 409


def test_another_agency_sees_neither_the_list_entry_nor_the_page(client, make_user, tree, draft):
    from sunshine.agencies.models import Role

    draft()
    fred = make_user("fred", agency=tree["finance"], role=Role.OFFICER)
    client.force_login(fred)
    assert "EDU-001" not in client.get("/staff/eservices/").content.decode()
    assert client.get("/staff/eservices/EDU-001/v1/").status_code == 404


def test_the_navigation_links_to_the_guides_only_for_people_with_an_agency(client, alice, make_user):
    client.force_login(alice)
    assert 'href="/staff/eservices/"' in client.get("/staff/").content.decode()
    nobody = make_user("nobody")
    client.force_login(nobody)
    assert 'href="/staff/eservices/"' not in client.get("/staff/").content.decode()
