"""Fixtures of the solicitation tests: the Education Bureau's staff and a draft put out for comment.

People (besides alice, the Education Bureau's officer, and olga, the city's disclosure office, of
tests/conftest.py): simon signs for the Education Bureau; fred is an officer of Finance.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.solicitations import services
from sunshine.solicitations.models import Solicitation

DAY = datetime.timedelta(days=1)
COMMENT: dict[str, Any] = {"name": "张三丰", "contact": "13812345678", "text": "建议把报名时间延长到两周。"}


@pytest.fixture
def simon(make_user, tree):
    """Simon signs for the Education Bureau (签发)."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


def make_draft(agency: Any, by: Any = None, **fields: Any) -> Solicitation:
    now = timezone.now()
    values: dict[str, Any] = {
        "title": "阳光市义务教育招生办法（征求意见稿）",
        "text": "第一条 为规范义务教育招生工作，制定本办法。",
        "explanation": "起草说明：根据上级要求，结合本市实际起草。",
        "opens_at": now - DAY,
        "closes_at": now + 10 * DAY,
    }
    values.update(fields)
    return services.create_solicitation(agency=agency, by=by, **values)


def set_period(
    solicitation: Solicitation, opens_at: datetime.datetime, closes_at: datetime.datetime
) -> Solicitation:
    """Move the comment period (the clock cannot be turned in these tests)."""
    Solicitation.objects.filter(pk=solicitation.pk).update(opens_at=opens_at, closes_at=closes_at)
    solicitation.refresh_from_db()
    return solicitation


def close(solicitation: Solicitation) -> Solicitation:
    now = timezone.now()
    return set_period(solicitation, now - 20 * DAY, now - DAY)


@pytest.fixture
def draft(tree) -> Solicitation:
    return make_draft(tree["education"])


@pytest.fixture
def open_solicitation(draft) -> Solicitation:
    return services.perform(draft, "publish", by=None)
