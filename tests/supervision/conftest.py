"""Fixtures of the supervision tests: the cases' licence (statutory 20, promised 10 working days;
steps accept 1, review 7, decide 2) and helpers, and olga, the city's disclosure office.
November 2026 has no holiday: Monday 2 November is the first working day."""

from __future__ import annotations

import datetime

import pytest

from tests.cases.conftest import act, client, in_english, licence, registered, rita  # noqa: F401

D = datetime.date


@pytest.fixture
def accepted(registered, act):  # noqa: F811
    """A case received and accepted on ``day``."""

    def make(day: D):
        return act(registered(day), "accept", day)

    return make
