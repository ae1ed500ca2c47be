"""Fixtures of the open-day tests: an event of the Education Bureau with registration open now
(alice, its officer, manages it), and helpers that register through the real service."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from sunshine.opendays import services
from sunshine.opendays.models import Event, Registration


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def make_event(tree, alice) -> Callable[..., Event]:
    def make(
        *, capacity: int = 4, publish: bool = True, starts_in: datetime.timedelta | None = None, **extra: Any
    ) -> Event:
        now = timezone.now()
        starts = now + (starts_in if starts_in is not None else datetime.timedelta(days=10))
        values: dict[str, Any] = {
            "title": "教育局政府开放日",
            "description": "参观招生考试指挥中心。",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "阳光市教育局一楼大厅",
            "capacity": capacity,
            "registration_opens_at": now - datetime.timedelta(days=1),
            "registration_closes_at": min(starts, now + datetime.timedelta(days=5)),
        }
        values.update(extra)
        event = services.create_event(agency=tree["education"], by=alice, **values)
        if publish:
            event = services.publish_event(event=event, by=alice)
        return event

    return make


@pytest.fixture
def event(make_event) -> Event:
    return make_event()


@pytest.fixture
def sign_up() -> Callable[..., tuple[Registration, str]]:
    def make(
        event: Event, people: int = 1, name: str = "张三", email: str = "zhang@example.com"
    ) -> tuple[Registration, str]:
        return services.register(event=event, name=name, phone="13800138000", email=email, people=people)

    return make


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of Finance."""
    from sunshine.agencies.models import Role

    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)
