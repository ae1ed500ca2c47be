"""The PDF of a published issue: embedded CJK font, the records' titles and texts, bookmarks per
section and record, the contents with page numbers; stored once, its bytes never change."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import Any

import pypdfium2  # type: ignore[import-untyped]
import pytest
from pypdf import PdfReader

from sunshine.bulletins.models import Entry, Issue
from sunshine.records import services as record_services
from sunshine.records.actions import WORKFLOW as RECORDS
from tests.inforequests.test_documents import need_cjk_font, pdf_text
from tests.records.conftest import ALL_CHECKS

pytestmark = pytest.mark.django_db


def download(client, issue: Issue) -> bytes:
    response = client.get(f"/bulletins/{issue.year}/{issue.number}/issue.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def page_text(content: bytes, index: int) -> str:
    document = pypdfium2.PdfDocument(content)
    try:
        return "".join(document[index].get_textpage().get_text_range().split())
    finally:
        document.close()


def outline_of(content: bytes) -> list[object]:
    reader = PdfReader(io.BytesIO(content))

    def walk(items: Sequence[Any]) -> list[object]:
        return [walk(item) if isinstance(item, list) else item.title for item in items]

    return walk(reader.outline)


def test_the_pdf_holds_the_cover_the_contents_and_every_record(client, published_issue, records):
    need_cjk_font()
    content = download(client, published_issue)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "阳光市人民政府公报" in text
    assert "Contents" in text
    for revision in (records.decree, records.notice, records.appointment):
        assert revision.title in text
    assert "阳政发〔2026〕3号" in text
    assert "现将《阳光市城市更新实施办法》印发给你们" in text
    assert "2026年3月2日" in text  # the date of formation
    assert records.foreign.title not in text
    assert b"/FontFile" in content  # the font travels with the file


def test_the_pdf_has_a_bookmark_per_section_and_per_record(client, published_issue, records):
    need_cjk_font()
    assert outline_of(download(client, published_issue)) == [
        "市政府文件",
        [records.decree.title, records.notice.title],
        "人事任免",
        [records.appointment.title],
    ]


def test_the_contents_give_the_page_of_each_record(client, published_issue, records):
    need_cjk_font()
    content = download(client, published_issue)
    # the cover on page 1, the contents on page 2, then a page a record: the appointment on page 5
    contents = page_text(content, 1).replace("·", "")
    assert records.decree.title + "3" in contents
    assert records.notice.title + "4" in contents
    assert records.appointment.title + "5" in contents
    assert records.appointment.title in page_text(content, 4)


def test_the_published_bytes_never_change(client, olga, published_issue, records):
    need_cjk_font()
    first = download(client, published_issue)
    assert hashlib.sha256(first).hexdigest() == published_issue.sha256
    # The decree is revised and the notice withdrawn after publication.
    revision = record_services.start_revision(record=records.decree.record, by=None)
    revision = record_services.update_draft(
        revision=revision, by=None, title="阳光市城市更新实施办法（修订）"
    )
    revision = record_services.submit(revision=revision, by=None)
    revision = record_services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    revision = record_services.sign(revision=revision, by=None)
    record_services.publish(revision=revision, by=olga)
    RECORDS.perform(records.notice, "withdraw", by=olga, input={"reason": "已废止"})
    second = download(client, published_issue)
    assert second == first
    assert hashlib.sha256(second).hexdigest() == published_issue.sha256
    titles = list(
        Entry.objects.filter(issue=published_issue).order_by("order").values_list("title", flat=True)
    )
    assert titles[0] == records.decree.title  # as printed, not as revised
    page = client.get(f"/bulletins/{published_issue.year}/{published_issue.number}/").content.decode()
    assert records.notice.title in page
    assert f'href="/records/{records.notice.record.index_number}/"' not in page  # withdrawn: no link


def test_the_download_answers_not_modified_for_the_same_checksum(client, published_issue):
    need_cjk_font()
    response = client.get(
        f"/bulletins/{published_issue.year}/{published_issue.number}/issue.pdf",
        HTTP_IF_NONE_MATCH=f'"{published_issue.sha256}"',
    )
    assert response.status_code == 304
