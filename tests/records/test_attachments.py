"""Attachments are recognised from their bytes, limited in size, checksummed, and their text is read
for the privacy scan; a file refused leaves nothing stored."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from sunshine.records import attachments as files
from sunshine.records import services
from sunshine.records.models import Attachment
from tests.records.conftest import CITIZEN_ID, upload
from tests.records.files import OLD_DOC, make_docx, make_gif, make_jpeg, make_pdf, make_png, make_xlsx

LIMIT = 1024 * 1024


def inspect(data: bytes, name: str, limit: int = LIMIT) -> files.Inspected:
    return files.inspect(io.BytesIO(data), name, max_bytes=limit)


def rejected(data: bytes, name: str, limit: int = LIMIT) -> str:
    with pytest.raises(files.AttachmentRejected) as caught:
        inspect(data, name, limit)
    return caught.value.code


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_pdf("hello"), "pdf"),
        (make_docx("hello"), "docx"),
        (make_xlsx([["hello"]]), "xlsx"),
        (make_png(), "png"),
        (make_jpeg(), "jpeg"),
        (make_gif(), "gif"),
    ],
)
def test_the_type_comes_from_the_content_whatever_the_name(data, kind):
    assert inspect(data, "no-extension").kind == kind
    assert inspect(data, "附件（一）").kind == kind


def test_a_name_that_contradicts_the_content_is_refused():
    assert rejected(make_png(), "notice.pdf") == "name_mismatch"
    assert rejected(make_docx("x"), "table.xlsx") == "name_mismatch"


def test_a_renamed_text_file_is_refused():
    assert rejected(b"just some text pretending to be a PDF", "report.pdf") == "unsupported"


def test_old_office_files_are_refused_with_advice():
    assert rejected(OLD_DOC, "通知.doc") == "old_office"


def test_a_zip_that_is_no_office_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert rejected(out.getvalue(), "bundle.zip") == "unsupported"


def test_a_document_with_macros_is_refused():
    data = make_docx("x", extra_parts={"word/vbaProject.bin": b"\x00macro"})
    assert rejected(data, "x.docm") == "macros"


def test_a_damaged_zip_is_refused():
    assert rejected(make_docx("hello")[:60], "cut.docx") == "damaged"


def test_an_xml_part_with_a_doctype_is_refused():
    data = make_docx("x", extra_parts={"word/header2.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:hdr/>'})
    assert rejected(data, "evil.docx") == "damaged"


def test_files_over_the_limit_and_empty_files_are_refused():
    assert rejected(make_pdf("x") + b"%" * 2000, "big.pdf", limit=1000) == "too_large"
    assert rejected(b"", "empty.pdf") == "empty"


def test_the_checksum_is_the_sha256_of_the_bytes():
    data = make_pdf("hello")
    assert inspect(data, "a.pdf").sha256 == hashlib.sha256(data).hexdigest()
    assert inspect(data, "a.pdf").size == len(data)


def test_the_text_of_a_pdf_is_read():
    found = inspect(make_pdf("Applicant ID " + CITIZEN_ID, "second line"), "a.pdf")
    assert CITIZEN_ID in found.text
    assert "second line" in found.text
    assert found.has_text


def test_the_text_of_a_word_document_is_read_with_its_header():
    found = inspect(make_docx("第一段", "联系电话 13800138000", header="内部资料"), "a.docx")
    assert found.text.splitlines()[:2] == ["第一段", "联系电话 13800138000"]
    assert "内部资料" in found.text


def test_the_cells_of_a_workbook_are_read_strings_and_numbers():
    found = inspect(make_xlsx([["姓名", "电话"], ["张三", 13800138000]]), "a.xlsx")
    assert found.text.splitlines() == ["姓名\t电话", "张三\t13800138000"]


def test_images_have_no_text_to_check():
    found = inspect(make_png(), "photo.png")
    assert found.text == ""
    assert not found.has_text


def test_names_lose_folders_and_control_characters():
    assert files.safe_name("C:\\Users\\li\\通知.pdf") == "通知.pdf"
    assert files.safe_name("../../etc/passwd") == "passwd"
    assert files.safe_name("a\x00b.pdf") == "ab.pdf"
    assert files.download_name("附件", "pdf") == "附件.pdf"
    assert files.download_name("photo.jpg", "jpeg") == "photo.jpg"


# --- Through the services ---------------------------------------------------------------------


def test_an_attachment_is_stored_with_its_checksum_and_text(draft, alice, media):
    data = make_pdf("Applicant ID " + CITIZEN_ID)
    attachment = services.add_attachment(
        revision=draft, by=alice, file=upload(data, "a.pdf"), name="附件1.pdf"
    )
    assert attachment.name == "附件1.pdf"
    assert attachment.kind == "pdf"
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert CITIZEN_ID in attachment.text
    stored = media / attachment.file.name
    assert stored.read_bytes() == data
    assert attachment.file.name.endswith(".pdf")
    assert "附件" not in attachment.file.name  # stored names say nothing about the content


def test_a_refused_file_leaves_nothing_stored(draft, alice, media):
    with pytest.raises(services.RecordError) as caught:
        services.add_attachment(revision=draft, by=alice, file=upload(make_png(), "x.pdf"), name="x.pdf")
    assert caught.value.status == 422
    assert set(caught.value.fields) == {"file"}
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_the_size_limit_is_a_setting(draft, alice, settings):
    settings.SUNSHINE_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(services.RecordError) as caught:
        services.add_attachment(
            revision=draft, by=alice, file=upload(make_pdf("x" * 50), "a.pdf"), name="a.pdf"
        )
    assert caught.value.code == "too_large"


def test_a_replaced_attachment_takes_the_place_of_the_old_one(
    draft, alice, media, django_capture_on_commit_callbacks
):
    first = services.add_attachment(
        revision=draft, by=alice, file=upload(make_pdf("one"), "1.pdf"), name="1.pdf"
    )
    second = services.add_attachment(revision=draft, by=alice, file=upload(make_png(), "2.png"), name="2.png")
    assert (media / first.file.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.replace_attachment(
            attachment=first, by=alice, file=upload(make_pdf("uno"), "1b.pdf"), name="1b.pdf"
        )
    assert [a.name for a in draft.attachments.order_by("position")] == ["1b.pdf", "2.png"]
    assert new.position < second.position
    assert not (media / first.file.name).exists()


def test_a_file_shared_with_a_published_revision_is_kept_when_the_draft_drops_it(
    tree, media, django_capture_on_commit_callbacks
):
    from tests.records.conftest import make_draft, publish_now

    revision = make_draft(tree["education"])
    attachment = services.add_attachment(
        revision=revision, by=None, file=upload(make_pdf("x"), "x.pdf"), name="x.pdf"
    )
    publish_now(revision)
    second = services.start_revision(record=revision.record, by=None)
    copy = second.attachments.get()
    assert copy.file.name == attachment.file.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.remove_attachment(attachment=copy, by=None)
    assert callbacks  # the clean-up ran, and kept the file the published revision still uses
    assert (media / attachment.file.name).exists()


def test_attachments_cannot_change_after_submission(draft, alice):
    services.submit(revision=draft, by=alice)
    with pytest.raises(services.RecordError) as caught:
        services.add_attachment(revision=draft, by=alice, file=upload(make_png(), "a.png"), name="a.png")
    assert caught.value.status == 409
