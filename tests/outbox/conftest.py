"""Fixtures of the outbox tests: the service-case fixtures (a published licence, cases made through
the real services) and a fake provincial platform. No test reaches the network: the standard
library's transport fails the test if it is ever called."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from sunshine.outbox import delivery
from tests.cases.conftest import act, client, in_english, licence, registered, rita, sid  # noqa: F401

URL = "https://platform.example.gov.cn/api/events"


@dataclass
class Call:
    url: str
    body: bytes
    headers: dict[str, str]
    timeout: float


@dataclass
class FakePlatform:
    """Answers each post with the next of ``answers`` (an HTTP status, or an exception to raise),
    then 200; records every post."""

    answers: list[int | Exception] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        self.calls.append(Call(url, body, headers, timeout))
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def event_ids(self) -> list[str]:
        import json

        return [json.loads(c.body)["event_id"] for c in self.calls]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args: object) -> int:
        raise AssertionError("a test reached the network transport")

    monkeypatch.setattr(delivery, "http_transport", refuse)


@pytest.fixture
def platform() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def endpoint(settings):
    settings.SUNSHINE_OUTBOX_URL = URL
    settings.SUNSHINE_OUTBOX_TOKEN = ""
    settings.SUNSHINE_OUTBOX_TIMEOUT = 7
    return URL


NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
