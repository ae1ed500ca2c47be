"""Fixtures of the evaluation tests: the published licence EDU-LIC-1 of the Education Bureau with
one window (``hall``), cases registered by alice, and today pinned to Thursday 12 November 2026.

November and early December 2026 have no holiday: every weekday is a working day."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sunshine.agencies.models import Role
from sunshine.cases import access
from sunshine.cases import services as case_services
from sunshine.cases.models import Case
from sunshine.eservices import services as catalogue
from sunshine.eservices.models import Version

D = datetime.date
MONDAY = D(2026, 11, 2)
TODAY = D(2026, 11, 12)  # a Thursday

APPLICANT = case_services.Applicant(
    kind="natural_person",
    name="陈小明",
    id_type="resident_id",
    id_number="11010519491231002X",
    phone="13800138000",
    email="chen@example.com",
)


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def today(monkeypatch):
    """Pin today; the returned setter moves it."""
    state = {"today": TODAY}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: state["today"])

    def set_today(day: D) -> None:
        state["today"] = day

    set_today.today = state  # type: ignore[attr-defined]
    return set_today


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def rita(make_user, tree):
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def licence(tree, alice, rita) -> Version:
    version = catalogue.create_item(
        agency=tree["education"],
        by=alice,
        code="EDU-LIC-1",
        fields={
            "name": "民办学校设立审批",
            "kind": "licensing",
            "legal_basis": "《中华人民共和国民办教育促进法》第十二条",
            "conditions": "举办者具有政府规定的资质。",
            "statutory_days": 20,
            "promised_days": 10,
            "handling_type": "promised",
            "free": True,
            "fees": "",
            "fee_basis": "",
            "contact_phone": "0571-87000001",
            "supervision_phone": "0571-87000002",
            "online_level": 2,
        },
        materials=[
            {"key": "application", "name": "设立申请书", "form": "original", "copies": 1, "required": True}
        ],
        steps=[{"key": "accept", "name": "受理", "role": "窗口", "days": 1}],
        windows=[
            {"key": "hall", "name": "市民中心3号窗口", "address": "阳光市人民路1号", "hours": "9:00-17:00"}
        ],
        events=["education"],
    )
    catalogue.take_action(version=version, action="submit", by=alice)
    return catalogue.take_action(version=version, action="publish", by=rita)


@pytest.fixture
def registered(licence, alice) -> Callable[..., Case]:
    def make(received_on: D = MONDAY) -> Case:
        case, _key = case_services.submit_case(
            version=licence,
            applicant=APPLICANT,
            materials=["application"],
            channel="counter",
            received_on=received_on,
            by=alice,
            today=received_on,
        )
        return case

    return make


@pytest.fixture
def decided(registered, alice) -> Callable[..., Case]:
    """A case accepted on Tuesday 3 and approved on Tuesday 10 November."""

    def make(**kwargs: Any) -> Case:
        case = registered()
        for action, day, fields in (
            ("accept", D(2026, 11, 3), {}),
            ("decide", D(2026, 11, 10), {"result": "approved"}),
        ):
            case = case_services.perform_action(
                case=case, action=action, by=alice, date=day, today=day, **fields
            )
        return case

    return make


def key_of(case: Case) -> str:
    return access.access_key_for(case)
