"""Published records reach the search index as they are published, and leave it as soon as they stop
being public; the public finds them through the search (here: the public API, /api/v1/records?q=)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sunshine.demo.agencies import load_demo_city
from sunshine.demo.records import load_demo_records
from sunshine.records import indexing, services
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from sunshine.records.selectors import published_records
from sunshine.search.backends import get_backend
from sunshine.search.models import SearchEntry
from tests.records.conftest import make_draft, publish_now, to_signed, upload
from tests.records.files import make_docx

pytestmark = pytest.mark.django_db

BUDGET = {
    "title": "阳光市教育局2026年部门预算公开",
    "category_key": "budget",
    "genre": "report",
    "document_number": "",
    "keywords": "部门预算",
    "body": "根据有关规定，现将本局2026年部门收支总体情况公开如下。",
}


def found(client, q: str, **filters: str) -> list[str]:
    """Index numbers of the records the public search answers, in order."""
    response = client.get("/api/v1/records", {"q": q, **filters})
    assert response.status_code == 200, response.content
    return [row["index_number"] for row in response.json()["results"]]


def entry_keys() -> set[str]:
    return set(SearchEntry.objects.values_list("key", flat=True))


def test_a_published_record_is_found_by_a_two_character_word(client, tree):
    draft = make_draft(tree["education"], **BUDGET)
    assert found(client, "预算") == []  # a draft is not in the index

    published = publish_now(draft)

    assert found(client, "预算") == [published.record.index_number]
    assert entry_keys() == {f"record:{published.record_id}"}


def test_the_document_number_finds_its_record_first_however_it_is_typed(client, tree):
    twelve = publish_now(make_draft(tree["education"], document_number="阳教发〔2026〕12号"))
    thirteen = publish_now(make_draft(tree["education"], document_number="阳教发〔2026〕13号"))

    for typed in ("阳教发〔2026〕12号", "阳教发[2026]12号", "阳教发（2026）12号"):
        results = found(client, typed)
        assert results[0] == twelve.record.index_number, typed
    assert found(client, "阳教发〔2026〕13号")[0] == thirteen.record.index_number


def test_a_withdrawn_record_leaves_the_index_at_once(client, tree):
    published = publish_now(make_draft(tree["education"], **BUDGET))
    assert found(client, "预算") == [published.record.index_number]

    services.withdraw(revision=published, by=None, reason="内容有误，撤回更正。")

    assert found(client, "预算") == []
    assert entry_keys() == set()


def test_a_new_revision_replaces_the_old_text_in_the_index(client, tree):
    first = publish_now(make_draft(tree["education"], body="本通知适用于全市体育场馆。"))
    assert found(client, "体育场馆") == [first.record.index_number]

    second = services.start_revision(record=first.record, by=None)
    services.update_draft(
        revision=second, by=None, body="本通知适用于全市公共图书馆。", change_note="更正范围"
    )
    assert found(client, "图书馆") == []  # the new text is not public before its publication
    publish_now(second, when=timezone.now() - datetime.timedelta(minutes=1))

    assert found(client, "图书馆") == [first.record.index_number]
    assert found(client, "体育场馆") == []
    assert SearchEntry.objects.count() == 1


def test_the_text_of_attachments_is_searched_too(client, tree):
    draft = make_draft(tree["education"])
    services.add_attachment(
        revision=draft,
        by=None,
        file=upload(make_docx("附表：校舍维修资金分配明细"), "附表.docx"),
        name="附表.docx",
    )
    published = publish_now(draft)

    assert found(client, "校舍维修") == [published.record.index_number]


def test_a_scheduled_record_enters_the_index_when_the_command_publishes_it(client, tree):
    when = timezone.now() + datetime.timedelta(minutes=30)
    scheduled = services.publish(
        revision=to_signed(make_draft(tree["education"], **BUDGET)), by=None, at=when
    )
    assert found(client, "预算") == []
    Revision.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))

    call_command("publish_due_records", stdout=StringIO())

    scheduled.refresh_from_db()
    assert scheduled.status == Status.PUBLISHED
    assert found(client, "预算") == [scheduled.record.index_number]


def test_a_change_of_validity_reaches_the_search_filter(client, tree):
    published = publish_now(make_draft(tree["education"], **BUDGET))
    assert found(client, "预算", validity="repealed") == []

    services.change_validity(
        record=published.record,
        by=None,
        validity="repealed",
        on=timezone.localdate() - datetime.timedelta(days=1),
    )

    assert found(client, "预算", validity="repealed") == [published.record.index_number]
    assert found(client, "预算", validity="valid") == []


def test_the_entry_points_to_the_public_page_of_the_record(tree):
    published = publish_now(make_draft(tree["education"], **BUDGET))
    entry = SearchEntry.objects.get()
    assert entry.url == f"/records/{published.record.index_number}/"
    assert entry.category == "budget"
    assert entry.agency_path == tree["education"].path
    assert entry.published_on == datetime.date(2026, 3, 10)


def test_the_reindex_command_rebuilds_the_index_from_the_published_records(client, tree):
    kept = publish_now(make_draft(tree["education"], **BUDGET))
    gone = publish_now(make_draft(tree["finance"], title="阳光市财政局2026年部门预算"))
    services.withdraw(revision=gone, by=None, reason="撤回")
    get_backend().clear()
    # An entry left behind by hand (a record that is not public) is taken out by the rebuild.
    SearchEntry.objects.create(
        key=f"record:{gone.record_id}",
        title="stale",
        agency_id=tree["finance"].pk,
        agency_path=tree["finance"].path,
        published_on=datetime.date(2026, 3, 10),
        url="/records/x/",
    )
    assert found(client, "预算") == []

    out = StringIO()
    call_command("reindex_records", stdout=out)

    assert "Records indexed: 1, taken out (no longer public): 1" in out.getvalue()
    assert entry_keys() == {indexing.record_key(kept.record_id)}
    assert found(client, "预算") == [kept.record.index_number]


def test_the_reindex_command_can_replace_the_whole_index(client, tree):
    kept = publish_now(make_draft(tree["education"], **BUDGET))
    get_backend().clear()

    call_command("reindex_records", "--replace-all", stdout=StringIO())

    assert found(client, "预算") == [kept.record.index_number]


def test_the_demo_records_leave_an_index_of_exactly_the_published_records(db):
    load_demo_city()
    load_demo_records(agencies=["YG", "YG-JYJ"])

    public = {indexing.record_key(pk) for pk in published_records().values_list("record_id", flat=True)}
    assert len(public) > 50
    assert entry_keys() == public
