"""Hostile files sent for a service case (docs/security.md#uploads): a material's file on the apply
pages or through the API is checked like a record's attachment (a zip bomb, a program), read before
the transaction that stores it — also when the application is sent with the files of its draft — and
kept under its real extension."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.cases.models import Case, CaseDraftFile, CaseMaterial
from tests.cases.test_api import apply
from tests.cases.test_apply_pages import BASE, DETAILS, media, today
from tests.records.files import make_pdf
from tests.records.hostile_files import reading_watched, zip_bomb_docx

__all__ = ["media", "today"]  # 4 November 2026 (a Wednesday), files in a temporary folder (autouse)


def upload(client, key: str, name: str, content: bytes):
    return client.post(
        f"{BASE}materials/{key}/", {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_a_zip_bomb_is_refused_beside_the_material_on_the_apply_page(client, licence, settings):
    settings.SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    response = upload(client, "application", "申请书.docx", zip_bomb_docx(3 * 1024 * 1024))
    assert response.status_code == 400
    assert "The file expands to more than 1 MB when unpacked." in response.content.decode()
    assert not CaseDraftFile.objects.exists()


def test_the_drafts_files_are_read_before_each_transaction_also_when_the_application_is_sent(client, licence):
    assert client.post(f"{BASE}details/", DETAILS).status_code == 302
    with reading_watched() as on_upload:
        assert upload(client, "application", "申请书.pdf.exe", make_pdf("hello")).status_code == 302
        assert upload(client, "assets", "资产.pdf", make_pdf("assets")).status_code == 302
    assert on_upload == [0, 0]
    assert sorted(CaseDraftFile.objects.values_list("name", flat=True)) == ["申请书.pdf", "资产.pdf"]
    with reading_watched() as on_sending:
        assert client.post(f"{BASE}check/").status_code == 302
    assert on_sending == [0, 0]
    assert Case.objects.get().materials.exclude(file="").count() == 2


def test_a_material_sent_through_the_api_is_read_before_its_transaction(client, licence):
    created = apply(client, materials=[]).json()
    with reading_watched() as depths:
        response = client.post(
            f"/api/v1/cases/{created['tracking_code']}/materials/assets",
            {"file": SimpleUploadedFile("资产证明.php.pdf", make_pdf("Assets"))},
            HTTP_X_ACCESS_KEY=created["access_key"],
        )
    assert response.status_code == 201, response.content
    assert depths == [0]
    assert CaseMaterial.objects.get().name == "资产证明.pdf"


def test_a_program_sent_as_a_material_through_the_api_is_refused(client, licence):
    created = apply(client, materials=[]).json()
    response = client.post(
        f"/api/v1/cases/{created['tracking_code']}/materials/assets",
        {"file": SimpleUploadedFile("资产证明.pdf", b"\x7fELF\x02\x01\x01" + make_pdf("x"))},
        HTTP_X_ACCESS_KEY=created["access_key"],
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["materials.assets"] == (
        "Programs and scripts cannot be attached, whatever the file is named."
    )
    assert not CaseMaterial.objects.exists()
