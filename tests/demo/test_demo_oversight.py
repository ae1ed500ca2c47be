"""The demo's assessment: ``manage.py demo_oversight`` on the demo city saves one scheme, publishes the
ranking of the month just ended on the portal and computes the running quarter's; loading again adds
nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sunshine.core.models import AuditEntry
from sunshine.oversight.models import AssessmentScheme, Ranking


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def load() -> str:
    out = io.StringIO()
    call_command("demo_oversight", stdout=out)
    return out.getvalue()


def test_the_demo_publishes_a_ranking_of_the_city_s_agencies(demo_city):
    printed = load()

    scheme = AssessmentScheme.objects.get()
    published = Ranking.objects.get(published_at__isnull=False)
    assert published.scheme == scheme
    assert published.entries.filter(status="ranked").exists()
    assert f"/oversight/rankings/{published.pk}/" in printed
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/oversight/rankings/{published.pk}/")
    assert page.status_code == 200
    assert "ranking-chart" in page.content.decode()


def test_loading_again_adds_nothing(demo_city):
    load()
    before = (AssessmentScheme.objects.count(), Ranking.objects.count(), AuditEntry.objects.count())

    load()

    assert (AssessmentScheme.objects.count(), Ranking.objects.count(), AuditEntry.objects.count()) == before


def test_it_needs_the_demo_city(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("demo_oversight", stdout=io.StringIO())
