"""What a file is comes from its first bytes (docs/security.md#uploads): a program or a script is
refused whatever its name and whatever it looks like further on; a PDF with scripts, actions that
start programs or embedded files is refused with the reason; and a file is stored and downloaded under
its name with only the extension of what it really is."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.records import attachments
from sunshine.records.models import Attachment
from tests.api_helpers import bearer, token_for
from tests.records.conftest import make_draft, publish_now
from tests.records.files import make_docx, make_jpeg, make_pdf
from tests.records.hostile_files import pdf_with

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/staff/records"
PROGRAM_REFUSED = "Programs and scripts cannot be attached, whatever the file is named."
SCRIPTS_REFUSED = (
    "The PDF contains scripts (JavaScript) or actions that start programs, which cannot be attached. "
    "Print it to a new PDF, or save it again without them."
)
EMBEDDED_REFUSED = (
    "The PDF contains embedded files, which cannot be checked. Attach each file on its own, and the PDF "
    "without them."
)

PROGRAMS = {
    "windows": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56,
    "linux": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56,
    "macos": b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 56,
    "macos_32": b"\xfe\xed\xfa\xce" + b"\x00" * 60,
    "java": b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + b"\x00" * 56,
    "script": b"#!/bin/sh\nrm -rf ~\n",
}


def inspect(data: bytes, name: str) -> attachments.Inspected:
    return attachments.inspect(io.BytesIO(data), name, max_bytes=1024 * 1024)


def refused_code(data: bytes, name: str) -> str:
    with pytest.raises(attachments.AttachmentRejected) as caught:
        inspect(data, name)
    return caught.value.code


def attach(client, revision, data: bytes, name: str):
    headers = {**bearer(token_for(client, "alice")), **EN}
    return client.post(
        f"{API}/{revision.record_id}/attachments", {"file": SimpleUploadedFile(name, data)}, **headers
    )


@pytest.mark.parametrize("kind", sorted(PROGRAMS))
def test_programs_and_scripts_are_refused_whatever_their_name(kind):
    assert refused_code(PROGRAMS[kind], "report.pdf") == "executable"
    assert refused_code(PROGRAMS[kind], "report") == "executable"


def test_a_program_that_also_looks_like_a_pdf_or_a_word_document_is_refused():
    assert refused_code(PROGRAMS["windows"] + make_pdf("hello"), "a.pdf") == "executable"
    assert refused_code(b"MZ" + make_docx("hello"), "a.docx") == "executable"
    assert refused_code(b"#!/usr/bin/env python\n" + make_pdf("x"), "a.pdf") == "executable"


def test_the_staff_page_refuses_a_program_named_as_a_pdf(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    client.force_login(alice)
    response = client.post(
        f"/staff/records/{revision.record_id}/attachments/",
        {"file": SimpleUploadedFile("通知.pdf", PROGRAMS["windows"] + make_pdf("hello"))},
        **EN,
    )
    assert response.status_code == 422
    assert PROGRAM_REFUSED in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "catalog",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >>",
        b"/OpenAction << /S /Launch /F (cmd.exe) >>",
        b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>",  # names written with #xx escapes
        b"/AA << /O 5 0 R >>",  # the script in an object of its own
    ],
)
def test_a_pdf_with_scripts_or_launch_actions_is_refused_through_the_api(client, tree, alice, catalog):
    revision = make_draft(tree["education"], by=alice)
    data = pdf_with(catalog, objects=[b"<< /S /JavaScript /JS 6 0 R >>", b"(app.alert(1))"])
    response = attach(client, revision, data, "通知.pdf")
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "pdf_scripts"
    assert error["fields"]["file"] == SCRIPTS_REFUSED


@pytest.mark.parametrize(
    "catalog",
    [
        b"/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
        b"/Extra 6 0 R",
    ],
)
def test_a_pdf_with_embedded_files_is_refused(client, tree, alice, catalog):
    revision = make_draft(tree["education"], by=alice)
    spec = b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>"
    embedded = b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"
    response = attach(client, revision, pdf_with(catalog, objects=[spec, embedded]), "通知.pdf")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "pdf_embedded_files"
    assert response.json()["error"]["message"] == EMBEDDED_REFUSED


def test_an_ordinary_pdf_with_links_is_accepted(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    link = b"/OpenAction << /S /URI /URI (https://www.gov.cn/) >>"
    assert attach(client, revision, pdf_with(link), "通知.pdf").status_code == 201


# --- Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "stored"),
    [
        ("report.pdf.exe", make_pdf("hello"), "report.pdf"),
        ("notice.php.jpg", make_jpeg(), "notice.jpg"),
        ("通知.html.php.docx", make_docx("x"), "通知.docx"),
        ("附件（一）", make_pdf("x"), "附件（一）.pdf"),
        ("照片.JPEG", make_jpeg(), "照片.JPEG"),
        ("关于2026.3.1会议.pdf", make_pdf("x"), "关于2026.3.1会议.pdf"),
        ("v1.2.pdf", make_pdf("x"), "v1.2.pdf"),
        ("会议纪要.final.docx", make_docx("x"), "会议纪要.final.docx"),
        ("scan.v2", make_pdf("x"), "scan.pdf"),
    ],
)
def test_names_keep_only_the_extension_of_what_the_file_is(name, data, stored):
    assert inspect(data, name).name == stored


def test_a_file_is_stored_and_downloaded_under_its_real_extension(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    assert attach(client, revision, make_pdf("hello"), "report.pdf.exe").status_code == 201
    assert attach(client, revision, make_jpeg(), "notice.php.jpg").status_code == 201
    assert [a.name for a in Attachment.objects.order_by("position")] == ["report.pdf", "notice.jpg"]
    client.force_login(alice)
    first = Attachment.objects.get(name="report.pdf")
    staff = client.get(f"/staff/records/{revision.record_id}/attachments/{first.pk}/")
    assert staff["Content-Disposition"] == 'attachment; filename="report.pdf"'
    published = publish_now(revision)
    public = client.get(f"/records/{published.record.index_number}/files/{first.pk}/")
    assert public.status_code == 200
    assert public["Content-Disposition"] == 'attachment; filename="report.pdf"'


def test_names_stored_before_are_cleaned_on_download():
    assert attachments.download_name("report.pdf.exe", "pdf") == "report.pdf"
    assert attachments.download_name("notice.php.jpg", "jpeg") == "notice.jpg"
