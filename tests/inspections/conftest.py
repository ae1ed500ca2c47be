"""Fixtures of the inspection tests: Olga of the city's disclosure office inspects; Alice, an
information officer of the Education Bureau, answers; today is pinned to Thursday 12 November 2026
(November and early December 2026 have no holiday: every weekday is a working day)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from sunshine.inspections import services
from sunshine.inspections.models import Inspection

D = datetime.date
TODAY = D(2026, 11, 12)  # a Thursday


@pytest.fixture(autouse=True)
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence goes to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def today(monkeypatch):
    """Pin today; the returned setter moves it."""
    state = {"today": TODAY}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: state["today"])

    def set_today(day: D) -> None:
        state["today"] = day

    return set_today


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def planned(tree, olga, today) -> Inspection:
    """A quarterly inspection of the Education and Finance bureaus by the city's disclosure office."""
    return services.create_inspection(
        by=olga,
        office=tree["city"],
        title="2026年第四季度政务公开检查",
        kind="quarterly",
        period="2026 Q4",
        agencies=[tree["education"], tree["finance"]],
        items=["主动公开栏目及时更新", "依申请公开按期答复"],
    )


@pytest.fixture
def started(planned, olga) -> Inspection:
    return services.perform_inspection_action(inspection=planned, action="start", by=olga)
