"""The demo's requests: loaded through the services, once, and they make a true annual report."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from sunshine.core.models import AuditEntry
from sunshine.demo import showcase
from sunshine.inforequests.models import InfoRequest


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def load(**options):
    out = io.StringIO()
    call_command("demo_requests", "--count", "40", "--today", "2026-06-30", stdout=out, **options)
    return out.getvalue()


def test_the_demo_requests_cover_last_year_and_this_year_with_open_and_concluded_ones(demo_city):
    assert "Demo requests loaded: 40." in load()
    requests = InfoRequest.objects.all()
    assert requests.filter(received_on__year=2025).exists()
    assert requests.filter(received_on__year=2026).exists()
    assert requests.filter(concluded_on__isnull=False).exists()
    assert requests.filter(concluded_on__isnull=True).exists()
    assert not requests.filter(received_on__gt=datetime.date(2026, 6, 30)).exists()
    # Every step went through the services, each with its audit entry.
    assert (
        AuditEntry.objects.filter(action="inforequest.reply").count()
        == requests.filter(status="replied").count()
    )


def test_the_demo_requests_load_once(demo_city):
    load()
    assert "not loaded" in load()
    assert InfoRequest.objects.exclude(title__startswith=showcase.PREFIX).count() == 40  # and the showcase


def test_the_demo_requests_refuse_a_production_database(demo_city, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load()


def test_the_demo_city_s_annual_report_for_last_year_adds_up(demo_city, client):
    load()
    answer = client.get("/api/v1/agencies/YG/annual-reports/2025?scope=tree").json()
    received = InfoRequest.objects.filter(received_on__year=2025).count()
    assert answer["applications"]["rows"]["new_this_year"]["total"] == received
    assert all(check["ok"] for check in answer["checks"]), answer["checks"]
