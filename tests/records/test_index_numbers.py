"""Index numbers (索引号): <agency code>/<year>-<5-digit sequence>, given at first publication, unique,
kept for good and never given again."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from sunshine.records import index_numbers, services
from sunshine.records.models import IndexCounter, Record
from tests.records.conftest import at, make_draft, publish_now, to_signed

D = datetime.date


def test_a_draft_has_no_index_number(draft):
    assert draft.record.index_number is None


def test_the_first_publication_gives_the_number_of_the_agency_and_year(tree):
    first = publish_now(make_draft(tree["education"], title="第一条"), at(D(2026, 3, 10)))
    second = publish_now(make_draft(tree["education"], title="第二条"), at(D(2026, 3, 11)))
    other = publish_now(make_draft(tree["finance"], title="财政局的"), at(D(2026, 3, 11)))
    assert first.record.index_number == "CITY-EDU/2026-00001"
    assert second.record.index_number == "CITY-EDU/2026-00002"
    assert other.record.index_number == "CITY-FIN/2026-00001"


def test_the_sequence_starts_again_each_year(tree):
    publish_now(
        make_draft(tree["education"], title="旧的", formation_date=D(2025, 12, 1)), at(D(2025, 12, 30))
    )
    new = publish_now(make_draft(tree["education"], title="新的"), at(D(2026, 1, 5)))
    assert new.record.index_number == "CITY-EDU/2026-00001"


def test_the_number_stays_through_revisions_and_withdrawal_and_is_not_given_again(tree):
    first = publish_now(make_draft(tree["education"], title="第一条"))
    number = first.record.index_number
    second = services.start_revision(record=first.record, by=None)
    second = publish_now(second, at(D(2026, 3, 12)))
    second.record.refresh_from_db()
    assert second.record.index_number == number
    services.withdraw(revision=second, by=None, reason="有误")
    later = publish_now(make_draft(tree["education"], title="第二条"), at(D(2026, 3, 13)))
    assert later.record.index_number == "CITY-EDU/2026-00002"
    assert Record.objects.get(pk=first.record_id).index_number == number


def test_numbers_taken_by_imported_records_are_skipped(tree):
    Record.objects.create(agency=tree["education"], index_number="CITY-EDU/2026-00001")
    revision = publish_now(make_draft(tree["education"]))
    assert revision.record.index_number == "CITY-EDU/2026-00002"


@pytest.mark.django_db(transaction=True)
def test_numbers_are_only_allocated_inside_the_publishing_transaction(tree):
    with pytest.raises(RuntimeError):
        index_numbers.allocate(tree["education"], 2026)
    with transaction.atomic():
        assert index_numbers.allocate(tree["education"], 2026) == "CITY-EDU/2026-00001"


def test_the_format_is_code_year_and_five_digits():
    assert index_numbers.format_index_number("YG-JYJ", 2026, 12) == "YG-JYJ/2026-00012"
    assert index_numbers.format_index_number("YG", 2026, 123456) == "YG/2026-123456"


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_never_get_the_same_number(make_user, calendar):
    from sunshine.agencies import services as agency_services

    agency = agency_services.create_agency(by=None, code="RACE", kind="department", name="并发测试局")
    signed = [to_signed(make_draft(agency, title=f"并发{n}")) for n in range(6)]
    barrier = threading.Barrier(len(signed))
    errors: list[BaseException] = []

    def publish(revision) -> None:
        try:
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    services.publish(revision=revision, by=None, now=at(D(2026, 3, 10)))
                    return
                except OperationalError as exc:
                    # The in-memory SQLite test database shares one cache between threads and answers
                    # "table is locked" at once where a database file waits (busy_timeout): try again,
                    # the whole transaction having been rolled back. PostgreSQL waits on the row lock.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
            raise AssertionError("never got the database")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(r,)) for r in signed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(
        str(n) for n in Record.objects.filter(agency=agency).values_list("index_number", flat=True)
    )
    assert numbers == [f"RACE/2026-{n:05d}" for n in range(1, 7)]
    assert IndexCounter.objects.get(agency=agency, year=2026).last == 6
