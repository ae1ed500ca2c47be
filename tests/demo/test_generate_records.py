"""``generate --records N``: synthetic published records in bulk, searchable, with valid index numbers."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.core.models import AuditEntry
from sunshine.demo.synthetic.records import CATEGORY_PLANS
from sunshine.records import index_numbers
from sunshine.records.catalogue import STANDARD_KEYS
from sunshine.records.codes import Status
from sunshine.records.models import Category, IndexCounter, Issuer, Record, Revision
from sunshine.records.selectors import published_records
from sunshine.search import backends
from sunshine.search import services as search
from sunshine.search.backends import ENTRY_COLUMNS
from sunshine.search.documents import SearchQuery
from sunshine.search.models import SearchEntry

pytestmark = pytest.mark.django_db

INDEX_NUMBER = re.compile(r"^(?P<code>[A-Z0-9-]+)/(?P<year>\d{4})-(?P<seq>\d{5,})$")


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, "--index-workers", "1", stdout=out)
    return out.getvalue()


@pytest.fixture
def generated() -> str:
    return generate("--agencies", "40", "--staff", "5", "--prefix", "T", "--records", "50")


def all_index_numbers() -> list[str]:
    return [number for number in Record.objects.values_list("index_number", flat=True) if number]


def sequences(numbers: list[str]) -> dict[tuple[str, int], list[int]]:
    by_key: dict[tuple[str, int], list[int]] = {}
    for number in numbers:
        match = INDEX_NUMBER.match(number)
        assert match, number
        by_key.setdefault((match["code"], int(match["year"])), []).append(int(match["seq"]))
    return by_key


def test_it_publishes_exactly_the_records_asked_for_over_the_generated_agencies(generated):
    public = list(published_records())
    assert len(public) == 50
    agencies = set(Agency.objects.filter(code__startswith="T-").values_list("pk", flat=True))
    assert {revision.record.agency_id for revision in public} <= agencies
    assert all(revision.status == Status.PUBLISHED and revision.number == 1 for revision in public)
    assert all(revision.title and revision.body_text for revision in public)
    now = timezone.now()
    assert all(revision.published_at is not None and revision.published_at <= now for revision in public)
    assert Issuer.objects.filter(revision__in=[r.pk for r in public], position=0).count() == 50
    assert "Records: 50 published" in generated
    assert "Import and index: " in generated


def test_records_sit_in_standard_categories_of_their_own_agency(generated):
    for revision in published_records():
        assert revision.category.agency_id == revision.record.agency_id
        assert revision.category.key in STANDARD_KEYS
    # Agencies written in bulk got the whole standard catalogue.
    per_agency = Counter(
        Category.objects.filter(agency__code__startswith="T-").values_list("agency_id", flat=True)
    )
    assert len(per_agency) == 40
    assert set(per_agency.values()) == {len(STANDARD_KEYS)}


def test_index_numbers_are_valid_unique_follow_the_publication_year_and_the_counters(generated):
    rows = list(Record.objects.values_list("index_number", "agency__code", "first_published_at"))
    numbers = all_index_numbers()
    assert len(set(numbers)) == len(numbers) == 50
    for number, code, published in rows:
        match = INDEX_NUMBER.match(number or "")
        assert match
        assert match["code"] == code
        assert int(match["year"]) == timezone.localtime(published).year
    for (code, year), seqs in sequences(numbers).items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
        assert IndexCounter.objects.get(agency__code=code, year=year).last == len(seqs)


def entries() -> list[tuple]:
    return list(SearchEntry.objects.order_by("key").values_list(*ENTRY_COLUMNS))


def test_the_search_entries_written_with_the_records_are_those_a_rebuild_writes(generated):
    written = entries()
    assert len(written) == 50
    assert backends.get_backend().fulltext_count() == 50
    call_command("reindex_records", "--replace-all", stdout=StringIO())
    assert entries() == written


def test_the_data_are_the_same_whatever_the_number_of_worker_processes(db):
    def run(workers: str) -> tuple[list[tuple], list[tuple]]:
        out = StringIO()
        call_command(
            "generate",
            "--agencies",
            "30",
            "--staff",
            "2",
            "--prefix",
            "W",
            "--records",
            "120",
            "--index-workers",
            workers,
            stdout=out,
        )
        assert f"{workers} process(es) composing" in out.getvalue()
        rows = list(
            published_records()
            .order_by("record__index_number")
            .values_list("record__index_number", "title", "body_text", "document_number", "category__key")
        )
        # Database ids differ between the runs (PostgreSQL's sequences do not roll back): the search
        # entries are compared with their agency's code in place of its id and path of ids.
        codes = dict(Agency.objects.values_list("pk", "code"))
        agency_id, agency_path = ENTRY_COLUMNS.index("agency_id"), ENTRY_COLUMNS.index("agency_path")
        # Sorted without the key: "record:<id>" sorts differently when the ids of the runs differ
        # in their number of digits (PostgreSQL's sequences go on from the first run).
        searchable = sorted(
            (
                codes[entry[agency_id]],
                *(v for i, v in enumerate(entry) if i not in (0, agency_id, agency_path)),
            )
            for entry in entries()
        )
        return rows, searchable

    with transaction.atomic():
        alone = run("1")
        transaction.set_rollback(True)
    assert run("2") == alone


def test_generated_records_are_found_by_the_search(generated):
    revision = published_records().order_by("pk").first()
    assert revision is not None
    page = search.search(SearchQuery(text=revision.title))
    assert f"record:{revision.record_id}" in {hit.key for hit in page.hits}
    numbered = published_records().exclude(document_number="").first()
    if numbered is not None:
        page = search.search(SearchQuery(text=numbered.document_number))
        assert f"record:{numbered.record_id}" in {hit.key for hit in page.hits}


def test_a_second_run_continues_the_numbering_and_the_next_publication_does_not_collide(generated):
    before = set(all_index_numbers())
    out = generate("--agencies", "0", "--records", "30", "--seed", "2")
    assert "Records: 30 published" in out
    numbers = all_index_numbers()
    assert len(numbers) == len(set(numbers)) == 80
    assert before < set(numbers)
    for (code, year), seqs in sequences(numbers).items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
        assert IndexCounter.objects.get(agency__code=code, year=year).last == len(seqs)
    assert published_records().count() == 80
    # What the publishing service allocates next is free.
    code, year = next(iter(sequences(numbers)))
    agency = Agency.objects.get(code=code)
    with transaction.atomic():
        number = index_numbers.allocate(agency, year)
    assert number not in numbers
    assert number == index_numbers.format_index_number(code, year, len(sequences(numbers)[(code, year)]) + 1)


def test_the_run_is_recorded_in_the_audit_log(generated):
    entry = AuditEntry.objects.get(action="generate.agencies")
    assert entry.after is not None
    assert entry.after["records"]["records"] == 50


def test_the_category_plan_only_uses_standard_categories():
    assert {plan.key for plan in CATEGORY_PLANS} <= STANDARD_KEYS


def test_negative_numbers_of_records_are_refused():
    with pytest.raises(CommandError):
        generate("--agencies", "5", "--prefix", "N", "--records", "-1")
    assert not Revision.objects.exists()


def test_publication_dates_run_up_to_the_day_before_the_reference_day():
    generate("--agencies", "10", "--prefix", "D", "--records", "40", "--today", "2025-03-01")
    moments = Record.objects.values_list("first_published_at", flat=True)
    days = [timezone.localdate(moment) for moment in moments if moment is not None]
    assert len(days) == 40
    assert max(days) <= datetime.date(2025, 2, 28)
    assert min(days) >= datetime.date(2016, 1, 1)
