"""``manage.py demo_records``: realistic records for the demo city, loaded once however often it runs."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sunshine.demo.agencies import load_demo_city
from sunshine.demo.records import load_demo_records
from sunshine.records.codes import Status
from sunshine.records.models import Record, Revision

DOCUMENT_NUMBER = re.compile(r"^\S+〔20(24|25|26)〕\d+号$")


@pytest.fixture
def city(db):
    load_demo_city()


def test_the_demo_records_look_like_real_ones_and_load_once(city):
    first = load_demo_records(agencies=["YG", "YG-JYJ"])
    assert first["added"] > 60
    again = load_demo_records(agencies=["YG", "YG-JYJ"])
    assert again["added"] == 0
    records = Record.objects.filter(agency__code__in=["YG", "YG-JYJ"])
    assert records.count() == first["added"]
    published = Revision.objects.filter(status=Status.PUBLISHED)
    assert published.count() > 50
    assert {r.published_at.year for r in published if r.published_at} == {2024, 2025, 2026}
    keys = set(published.values_list("category__key", flat=True))
    assert {"normative_documents", "policy_interpretation", "budget", "work_news", "annual_report"} <= keys
    numbers = [n for n in published.values_list("document_number", flat=True) if n]
    assert numbers
    assert all(DOCUMENT_NUMBER.match(n) for n in numbers)
    assert Revision.objects.filter(interprets__isnull=False, status=Status.PUBLISHED).exists()
    open_statuses = set(Revision.objects.exclude(status=Status.PUBLISHED).values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.SCHEDULED} <= open_statuses
    assert all(r.index_number for r in records if r.revisions.filter(published_at__isnull=False).exists())


def test_the_command_needs_the_demo_city_and_debug(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="run demo_data first"):
        call_command("demo_records", stdout=StringIO())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_records", stdout=StringIO())
