"""The demo's service cases: ``manage.py demo_eservices`` also puts one case in each state on the
published guides, sweeps them (a yellow and a red case on the dashboard), rates two (one 差评 with an
open rectification) and a counter, issues one 督办 notice, and prints the codes, keys and links;
loading again adds nothing."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sunshine.cases.codes import Status
from sunshine.cases.models import Case, CaseDocument
from sunshine.evaluations.models import Evaluation, Rectification
from sunshine.supervision.models import CaseState, Notice

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = datetime.date(2026, 11, 25)  # a Wednesday; November 2026 has no holiday


@pytest.fixture
def demo(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    call_command("demo_data", stdout=io.StringIO())


def load() -> str:
    out = io.StringIO()
    call_command("demo_eservices", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (Case, CaseState, Evaluation, Rectification, Notice, CaseDocument)
    return {model.__name__: model.objects.count() for model in models}


def test_there_is_a_case_in_every_state(demo):
    load()
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(channel="online").count() >= 3
    assert Case.objects.filter(status=Status.ACCEPTED, extension_days__gt=0).exists()
    decided = Case.objects.filter(status__in=[Status.DECIDED, Status.DELIVERED])
    assert CaseDocument.objects.filter(case__in=decided).exists()


def test_the_dashboard_has_a_yellow_and_a_red_case_and_the_notice(demo, client):
    load()
    assert CaseState.objects.filter(is_open=True, promised_level="yellow").exists()
    red = CaseState.objects.get(is_open=True, promised_level="red")
    notice = Notice.objects.get()
    assert notice.case_id == red.case_id
    client.force_login(get_user_model().objects.get(username="supervisor"))
    listed = client.get("/staff/supervision/cases/?level=red", **EN).content.decode()
    assert red.case.tracking_code in listed
    assert client.get(f"/staff/supervision/notices/{notice.pk}/", **EN).status_code == 200


def test_a_bad_rating_waits_for_its_rectification(demo, client):
    load()
    assert Evaluation.objects.filter(channel="window").count() == 1
    bad = Evaluation.objects.get(level__lte=2)
    rectification = Rectification.objects.get()
    assert rectification.evaluation == bad
    assert rectification.status == "open"
    client.force_login(get_user_model().objects.get(username="office"))
    assert client.get(f"/staff/evaluations/{rectification.pk}/", **EN).status_code == 200
    statistics = client.get("/services/evaluations/", **EN)
    assert statistics.status_code == 200


def test_the_printed_codes_keys_and_links_open_the_cases(demo, client):
    printed = load()
    rows = re.findall(r"^  (\w+)\s+(B\d{4}-\w+)  key (\w+)", printed, re.M)
    assert len(rows) == 11
    links = re.findall(r"http://[^/]+(/cases/follow/[^ \n]+)", printed)
    assert len(links) == 11
    page = client.get(links[0], **EN)
    assert page.status_code == 200
    assert rows[0][1] in page.content.decode()
    assert "/staff/supervision/notices/" in printed
    assert "/staff/evaluations/" in printed


def test_loading_again_adds_nothing(demo):
    load()
    before = counts()
    printed = load()
    assert counts() == before
    assert "(0 added), 0 ratings and 0 supervision notice added" in printed
