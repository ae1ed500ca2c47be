from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from sunshine.search import services
from sunshine.search.documents import SearchQuery


def test_publishing_and_withdrawing_go_through_the_services(backend, make_document):
    assert services.index_documents([make_document(1, "预算公开"), make_document(2, "预算调整")]) == 2
    assert services.search(SearchQuery("预算")).total == 2
    assert services.remove_documents(["record:2"]) == 1
    assert [hit.key for hit in services.search(SearchQuery("预算")).hits] == ["record:1"]


def test_a_rolled_back_transaction_leaves_the_index_as_it_was(backend, make_document):
    services.index_documents([make_document(1, "预算公开")])

    def publish_and_withdraw_then_fail() -> None:
        with transaction.atomic():
            services.remove_documents(["record:1"])
            services.index_documents([make_document(2, "预算调整")])
            raise RuntimeError("the record's own change failed")

    with pytest.raises(RuntimeError):
        publish_and_withdraw_then_fail()
    assert [hit.key for hit in services.search(SearchQuery("预算")).hits] == ["record:1"]
    assert backend.entry_count() == backend.fulltext_count() == 1


def test_reindex_writes_every_document_in_batches(backend, make_document):
    services.index_documents([make_document(99, "旧的预算")])
    report = services.reindex((make_document(n, f"预算 {n}") for n in range(1, 8)), batch_size=3)
    assert report.documents == 7
    assert backend.search(SearchQuery("预算")).total == 8


def test_reindex_can_replace_the_whole_index(backend, make_document):
    services.index_documents([make_document(99, "旧的预算")])
    report = services.reindex(
        [make_document(n, f"预算 {n}") for n in range(1, 6)], batch_size=2, replace_all=True
    )
    assert report.documents == 5
    page = services.search(SearchQuery("预算", page_size=50))
    assert sorted(hit.key for hit in page.hits) == [f"record:{n}" for n in range(1, 6)]


def test_reindex_segments_in_worker_processes(backend, make_document):
    documents = [make_document(n, f"教育预算 {n}", "义务教育" * n) for n in range(1, 21)]
    report = services.reindex(iter(documents), batch_size=4, workers=2)
    assert report.documents == 20
    assert report.workers == 2
    assert backend.search(SearchQuery("义务教育")).total == 20
    assert backend.entry_count() == backend.fulltext_count() == 20


def test_search_stats_prints_the_counts(backend, make_document, capsys):
    services.index_documents([make_document(1, "预算公开"), make_document(2, "教育")])
    call_command("search_stats")
    out = capsys.readouterr().out
    assert f"engine: {backend.vendor}" in out
    assert "entries: 2" in out
    assert "full-text rows: 2" in out


def test_a_full_rebuild_puts_the_engines_index_back(backend, make_document):
    from django.db import connection

    services.reindex([make_document(n, f"预算 {n}") for n in range(1, 4)], replace_all=True)
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "search_searchentry")
    if connection.vendor == "postgresql":
        assert "search_entry_vector" in indexes
    assert backend.fulltext_count() == 3
    assert services.search(SearchQuery("预算")).total == 3
