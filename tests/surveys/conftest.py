"""Fixtures of the survey tests: the Education Bureau's staff and a survey of four questions.

People (besides alice, the Education Bureau's officer, of tests/conftest.py): simon signs for the
Education Bureau; fred is an officer of Finance.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.surveys import services
from sunshine.surveys.models import Survey

DAY = datetime.timedelta(days=1)
QUESTIONS: list[dict[str, Any]] = [
    {"kind": "single", "text": "您的孩子在哪个学段？", "options": ["小学", "初中"]},
    {"kind": "multiple", "text": "您关心哪些事项？", "options": ["学区划分", "报名时间", "收费"]},
    {"kind": "scale", "text": "您对招生工作的满意度", "required": True},
    {"kind": "text", "text": "其他建议", "required": False},
]


@pytest.fixture
def simon(make_user, tree):
    """Simon signs for the Education Bureau (签发)."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


def make_draft(agency: Any, by: Any = None, **fields: Any) -> Survey:
    now = timezone.now()
    values: dict[str, Any] = {
        "title": "义务教育招生工作满意度调查",
        "introduction": "请根据您的实际情况填写。",
        "opens_at": now - DAY,
        "closes_at": now + 10 * DAY,
        "questions": QUESTIONS,
    }
    values.update(fields)
    return services.create_survey(agency=agency, by=by, **values)


def close(survey: Survey) -> Survey:
    """Move the period into the past (the clock cannot be turned in these tests)."""
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(opens_at=now - 20 * DAY, closes_at=now - DAY)
    survey.refresh_from_db()
    return survey


def ids(survey: Survey) -> tuple[list[int], list[list[int]]]:
    """The question ids in order, and the option ids of each question."""
    questions = list(survey.questions.prefetch_related("options"))
    return [q.pk for q in questions], [[o.pk for o in q.options.all()] for q in questions]


def good_answers(survey: Survey, text: str = "希望早点公布学区。") -> dict[str, Any]:
    q, o = ids(survey)
    return {str(q[0]): o[0][0], str(q[1]): [o[1][0], o[1][2]], str(q[2]): 4, str(q[3]): text}


@pytest.fixture
def draft(tree) -> Survey:
    return make_draft(tree["education"])


@pytest.fixture
def open_survey(draft) -> Survey:
    return services.perform(draft, "publish", by=None)
