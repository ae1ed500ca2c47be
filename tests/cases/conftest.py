"""Fixtures of the service-case tests: a licence of the Education Bureau published by rita (statutory
20, promised 10 working days), and helpers that make cases through the real services.

November 2026 has no holiday: every weekday is a working day, Monday 2 November the first."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from sunshine.agencies.models import Role
from sunshine.cases import services
from sunshine.cases.models import Case
from sunshine.eservices import services as catalogue
from sunshine.eservices.models import Version

D = datetime.date
MONDAY = D(2026, 11, 2)
CITIZEN_ID = "11010519491231002X"

APPLICANT = services.Applicant(
    kind="natural_person",
    name="陈小明",
    id_type="resident_id",
    id_number=CITIZEN_ID,
    phone="13800138000",
    email="chen@example.com",
)


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def rita(make_user, tree):
    """Rita is a reviewer of the Education Bureau: she publishes its guides and reads its cases."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def sid(make_user, tree):
    """Sid is a signer of the Education Bureau: he approves extensions."""
    return make_user("sid", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def licence(tree, alice, rita) -> Version:
    """The published guide of EDU-LIC-1: two materials, three steps, 20 and 10 working days."""
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
            {"key": "application", "name": "设立申请书", "form": "original", "copies": 1, "required": True},
            {"key": "assets", "name": "资产证明", "form": "copy", "copies": 1, "required": True},
        ],
        steps=[
            {"key": "accept", "name": "受理", "role": "窗口", "days": 1},
            {"key": "review", "name": "审查", "role": "业务处室", "days": 7},
            {"key": "decide", "name": "决定", "role": "局领导", "days": 2},
        ],
        windows=[],
        events=["education"],
    )
    catalogue.take_action(version=version, action="submit", by=alice)
    return catalogue.take_action(version=version, action="publish", by=rita)


@pytest.fixture
def registered(licence, alice) -> Callable[..., Case]:
    """A case registered by alice at the counter, received ``received_on`` (Monday 2 November)."""

    def make(received_on: D = MONDAY, **kwargs: Any) -> Case:
        case, _key = services.submit_case(
            version=licence,
            applicant=APPLICANT,
            materials=kwargs.pop("materials", ["application", "assets"]),
            channel="counter",
            received_on=received_on,
            by=alice,
            today=kwargs.pop("today", received_on),
            **kwargs,
        )
        return case

    return make


@pytest.fixture
def act(alice) -> Callable[..., Case]:
    """Take an action on a case as alice (or ``by``), the step dated and taken on ``date``."""

    def take(case: Case, action: str, date: D, by: Any = None, **fields: Any) -> Case:
        return services.perform_action(
            case=case, action=action, by=by or alice, date=date, today=date, **fields
        )

    return take


@pytest.fixture
def client():
    """The test client asks for English answers (the site's default language is Chinese)."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
