"""A rebuild of the search index (``reindex_records``, ``generate --records``) builds its documents in
bulk from plain rows; they are exactly the documents that publishing a single record puts in the index."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sunshine.records import indexing, services
from sunshine.records.models import Attachment, Record
from sunshine.records.selectors import published_records
from sunshine.search.models import SearchEntry
from tests.records.conftest import make_draft, publish_now, upload
from tests.records.files import make_docx, make_pdf, make_png

pytestmark = pytest.mark.django_db


def one_by_one() -> list[indexing.SearchDocument]:
    """What ``sync_record`` would index for each published record, in record id order."""
    return [indexing.document(revision) for revision in published_records().order_by("record_id")]


@pytest.fixture
def records(tree, media):
    """Published records of every shape a document can take, a draft and a withdrawn record."""
    joint = make_draft(
        tree["education"], title="关于联合开展校园安全检查的通知", issuers=[tree["education"], tree["city"]]
    )
    services.add_attachment(
        revision=joint, by=None, file=upload(make_docx("附件一：检查清单"), "清单.docx"), name="清单.docx"
    )
    services.add_attachment(revision=joint, by=None, file=upload(make_png(), "照片.png"), name="照片.png")
    services.add_attachment(
        revision=joint, by=None, file=upload(make_pdf("Annex 3: contacts"), "联系.pdf"), name="联系.pdf"
    )
    publish_now(joint)

    no_body = make_draft(
        tree["finance"], title="财政预算附表", body="", document_number="", category_key="budget"
    )
    services.add_attachment(
        revision=no_body, by=None, file=upload(make_docx("预算附表"), "附表.docx"), name="附表.docx"
    )
    publish_now(no_body)

    revised = publish_now(make_draft(tree["health"], title="卫生健康工作动态", category_key="work_news"))
    second = services.start_revision(record=revised.record, by=None)
    services.update_draft(revision=second, by=None, body="更正后的正文。", change_note="更正")
    publish_now(second, when=timezone.now() - datetime.timedelta(minutes=1))

    repealed = publish_now(make_draft(tree["community"], title="社区公约", document_number=""))
    services.change_validity(
        record=repealed.record,
        by=None,
        validity="repealed",
        on=timezone.localdate() - datetime.timedelta(days=1),
    )

    withdrawn = publish_now(make_draft(tree["street"], title="已撤回的通知"))
    services.withdraw(revision=withdrawn, by=None, reason="重复发布")
    make_draft(tree["education"], title="草稿")
    return tree


def test_documents_built_in_bulk_are_those_of_each_record_on_its_own(records):
    expected = one_by_one()

    assert [doc.title for doc in expected] == [
        "关于联合开展校园安全检查的通知",
        "财政预算附表",
        "卫生健康工作动态",
        "社区公约",
    ]
    assert list(indexing.published_documents()) == expected
    assert list(indexing.published_documents(chunk_size=1)) == expected  # across chunk boundaries
    joint = expected[0]
    assert "附件一：检查清单" in joint.body
    assert "Annex 3: contacts" in joint.body


def test_a_range_of_record_ids_gives_the_documents_of_those_records(records):
    expected = one_by_one()
    ids = sorted(indexing.record_id_of(doc.key) or 0 for doc in expected)

    within = list(indexing.published_documents(ids[1], ids[2], chunk_size=1))

    assert [doc.key for doc in within] == [indexing.record_key(pk) for pk in ids[1:3]]
    assert within == [doc for doc in expected if doc.key in {d.key for d in within}]


def test_attachments_without_text_and_index_numbers_that_need_quoting_are_handled_alike(records):
    Attachment.objects.filter(name="附表.docx").update(text="")
    record = Record.objects.get(revisions__title="社区公约")
    Record.objects.filter(pk=record.pk).update(index_number=f"{record.index_number}/第 1.号")

    expected = one_by_one()

    assert list(indexing.published_documents()) == expected
    assert any("%20" in doc.url for doc in expected)  # the address of the odd index number is quoted


def test_the_reindex_command_writes_the_documents_of_the_published_records(records):
    call_command("reindex_records", "--replace-all", stdout=StringIO())

    entries = {entry.key: entry for entry in SearchEntry.objects.all()}
    assert set(entries) == {doc.key for doc in one_by_one()}
    for doc in one_by_one():
        assert (entries[doc.key].url, entries[doc.key].published_on) == (doc.url, doc.published_on)
