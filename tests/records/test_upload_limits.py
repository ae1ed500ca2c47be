"""Hostile uploads are read within bounds (docs/security.md#uploads): a Word document of paragraphs
nested far too deep, too many elements, a zip bomb, a PDF stream that inflates too far, too much text
or too much computing time are each refused with the reason, as soon as the bound is crossed; and a
file is read before the transaction that stores it, never while it holds the database's write lock."""

from __future__ import annotations

import time
import zlib
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from sunshine.records import attachments, services
from sunshine.records.models import Attachment
from tests.api_helpers import bearer, token_for
from tests.records.conftest import make_draft, upload
from tests.records.files import make_docx, make_pdf, make_xlsx
from tests.records.hostile_files import (
    flat_paragraphs_docx,
    nested_paragraphs_docx,
    pdf_with,
    reading_watched,
    zip_bomb_docx,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/staff/records"


def attach_on_the_page(client, user, revision, data: bytes, name: str):
    client.force_login(user)
    return client.post(
        f"/staff/records/{revision.record_id}/attachments/", {"file": SimpleUploadedFile(name, data)}, **EN
    )


def attach_through_the_api(client, revision, data: bytes, name: str):
    headers = {**bearer(token_for(client, "alice")), **EN}
    return client.post(
        f"{API}/{revision.record_id}/attachments", {"file": SimpleUploadedFile(name, data)}, **headers
    )


def refusal(client, revision, data: bytes, name: str) -> dict:
    response = attach_through_the_api(client, revision, data, name)
    assert response.status_code == 422, response.content
    return response.json()["error"]


def test_paragraphs_nested_too_deep_are_refused_at_once_with_the_default_limits(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    hostile = nested_paragraphs_docx(300_000)  # 4 KB, 3.3 MB unpacked
    started = time.perf_counter()
    response = attach_on_the_page(client, alice, revision, hostile, "通知.docx")
    assert time.perf_counter() - started < 5  # the depth limit trips at the 257th paragraph
    assert response.status_code == 422
    assert "The document&#x27;s structure is too deep to be read." in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_depth_limit_is_a_setting(client, tree, alice, settings):
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_XML_DEPTH = 10
    error = refusal(client, revision, nested_paragraphs_docx(9), "a.docx")  # 11 deep with document and body
    assert error["code"] == "too_deep"
    assert error["fields"]["file"] == "The document's structure is too deep to be read."
    deep_enough = attach_through_the_api(client, revision, nested_paragraphs_docx(5), "b.docx")
    assert deep_enough.status_code == 201, deep_enough.content


def test_millions_of_paragraphs_stop_at_the_element_limit(client, tree, alice, settings):
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_XML_ELEMENTS = 1000
    error = refusal(client, revision, flat_paragraphs_docx(5000), "a.docx")
    assert error["code"] == "too_many_elements"
    assert error["message"] == (
        "The document has more than 1,000 elements (paragraphs, runs, cells) to read. "
        "Split it into several files."
    )


def test_a_zip_bomb_is_refused_from_the_sizes_it_declares(client, tree, alice, settings):
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = zip_bomb_docx(3 * 1024 * 1024)
    assert len(bomb) < 10_000
    error = refusal(client, revision, bomb, "a.docx")
    assert error["code"] == "too_unpacked"
    assert error["message"] == "The file expands to more than 1 MB when unpacked."
    assert not Attachment.objects.exists()


def test_a_pdf_stream_that_inflates_too_far_is_refused(client, tree, alice, settings):
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    content = b"BT /F1 12 Tf 20 120 Td (hello) Tj ET" + b" " * (3 * 1024 * 1024)
    assert len(zlib.compress(content, 9)) < 10_000
    error = refusal(client, revision, pdf_with(content=content), "a.pdf")
    assert error["code"] == "too_unpacked"


def test_too_much_text_is_refused_while_it_is_read(client, tree, alice, settings):
    """One shared string used in every cell: the text grows with each cell, and stops at the limit."""
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_TEXT_CHARS = 1000
    error = refusal(client, revision, make_xlsx([["重复的文字" * 10] for _ in range(50)]), "a.xlsx")
    assert error["code"] == "too_much_text"
    assert attach_through_the_api(client, revision, make_xlsx([["短"]]), "b.xlsx").status_code == 201


def test_reading_stops_when_its_computing_time_is_spent(client, tree, alice, settings):
    revision = make_draft(tree["education"], by=alice)
    settings.SUNSHINE_UPLOAD_MAX_SECONDS = 0
    error = refusal(client, revision, make_docx("hello"), "a.docx")
    assert error["code"] == "too_slow"
    assert error["message"].startswith("Reading the file took more than 0 seconds of computing time.")


def test_ordinary_files_are_read_as_before(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    for data, name in ((make_docx("第一段", "第二段"), "a.docx"), (make_xlsx([["姓名", 1]]), "b.xlsx")):
        assert attach_through_the_api(client, revision, data, name).status_code == 201
    assert [a.text for a in Attachment.objects.order_by("position")] == ["第一段\n第二段", "姓名\t1"]


# --- Read before the transaction ----------------------------------------------------------------


def test_the_staff_page_reads_the_file_before_its_transaction(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    with reading_watched() as depths:
        response = attach_on_the_page(client, alice, revision, make_pdf("hello"), "a.pdf")
    assert response.status_code == 302
    assert depths == [0]


def test_a_refused_file_is_read_before_the_transaction_too(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    with reading_watched() as depths:
        response = attach_through_the_api(client, revision, nested_paragraphs_docx(1000), "a.docx")
    assert response.status_code == 422
    assert depths == [0]


def test_a_replacement_and_the_files_of_the_draft_form_are_read_before_their_transactions(
    client, tree, alice
):
    revision = make_draft(tree["education"], by=alice)
    first = services.add_attachment(
        revision=revision, by=alice, file=upload(make_pdf("one"), "1.pdf"), name="1.pdf"
    )
    with reading_watched() as depths:
        services.replace_attachment(
            attachment=first, by=alice, file=upload(make_pdf("two"), "2.pdf"), name="2.pdf"
        )
        services.update_draft(
            revision=revision, by=alice, files=[(upload(make_docx("x"), "x.docx"), "x.docx")]
        )
        make_draft(tree["education"], by=alice, files=[(upload(make_pdf("y"), "y.pdf"), "y.pdf")])
    assert depths == [0, 0, 0]


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_the_file_is_read(client, tree, alice):
    """With real commits (no test transaction around): the reading sees no transaction at all."""
    revision = make_draft(tree["education"], by=alice)
    seen: list[bool] = []
    real = attachments.docx_text

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    with mock.patch.object(attachments, "docx_text", watched):
        response = attach_on_the_page(client, alice, revision, make_docx("hello"), "a.docx")
    assert response.status_code == 302
    assert seen == [False]
