"""Fixtures of the service-guide tests: rita reviews for the Education Bureau; helpers write items
through the real services. (alice, the Education Bureau's officer, and olga, the city's disclosure
office, are in tests/conftest.py.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sunshine.agencies.models import Role
from sunshine.eservices import services
from sunshine.eservices.models import Version

FIELDS: dict[str, Any] = {
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
}
MATERIALS = [
    {"key": "application", "name": "设立申请书", "form": "original", "copies": 1, "required": True},
    {
        "key": "",
        "name": "资产来源证明",
        "form": "copy",
        "copies": 2,
        "required": False,
        "condition": "有捐赠的",
    },
]
STEPS = [
    {"key": "accept", "name": "受理", "role": "窗口", "days": 1},
    {"key": "review", "name": "审查", "role": "业务处室", "days": 7},
    {"key": "decide", "name": "决定", "role": "局领导", "days": 2},
]
WINDOWS = [
    {"key": "hall", "name": "市民中心3号窗口", "address": "阳光市人民路1号", "hours": "工作日 9:00-17:00"}
]


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """The test client asks for English pages (the site's default language is Chinese)."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def rita(make_user, tree):
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def draft(tree, alice) -> Callable[..., Version]:
    def make(code: str = "EDU-001", *, agency: Any = None, by: Any = None, **fields: Any) -> Version:
        return services.create_item(
            agency=agency or tree["education"],
            by=by or alice,
            code=code,
            fields={**FIELDS, **fields},
            materials=MATERIALS,
            steps=STEPS,
            windows=WINDOWS,
            events=["education", "business"],
        )

    return make


@pytest.fixture
def published(draft, alice, rita) -> Callable[..., Version]:
    """An item written and submitted by alice and published by rita."""

    def make(*args: Any, **kwargs: Any) -> Version:
        version = draft(*args, **kwargs)
        services.take_action(version=version, action="submit", by=alice)
        return services.take_action(version=version, action="publish", by=rita)

    return make
