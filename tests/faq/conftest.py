"""Fixtures of the common-question tests: the Education Bureau's reviewer (rita), an officer of
Finance (fred), and helpers that write and publish questions through the real services.

(alice, the Education Bureau's officer, and olga, the city's disclosure office, are in tests/conftest.py.)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from sunshine.agencies.models import Agency, Role
from sunshine.faq import services
from sunshine.faq.models import Entry

ADMISSION_QUESTION = "义务教育阶段招生政策是什么？"
ADMISSION_ANSWER = "本市义务教育阶段学校招生实行免试就近入学，公办学校按划片范围招收适龄儿童。"


@pytest.fixture
def rita(make_user, tree):
    """Rita reviews for the Education Bureau."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of Finance."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def draft(tree, alice) -> Callable[..., Entry]:
    def make(
        question: str = ADMISSION_QUESTION,
        answer: str = ADMISSION_ANSWER,
        *,
        agency: Agency | None = None,
        by: Any = None,
        **extra: Any,
    ) -> Entry:
        return services.create_entry(
            agency=agency or tree["education"], by=by or alice, question=question, answer=answer, **extra
        )

    return make


@pytest.fixture
def published(draft, alice, olga) -> Callable[..., Entry]:
    """A question written and submitted by alice (or ``by``) and published by olga."""

    def make(*args: Any, **kwargs: Any) -> Entry:
        entry = draft(*args, **kwargs)
        services.take_action(entry=entry, action="submit", by=kwargs.get("by") or alice)
        return services.take_action(entry=entry, action="publish", by=olga)

    return make


D = datetime.date
