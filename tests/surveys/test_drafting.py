from __future__ import annotations

import pytest
from django.utils import translation

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.surveys import services
from tests.surveys.conftest import QUESTIONS, make_draft


def test_an_officer_drafts_a_survey_with_ordered_questions_and_options(tree, alice):
    survey = make_draft(tree["education"], by=alice)
    questions = list(survey.questions.prefetch_related("options"))
    assert [(q.position, q.kind) for q in questions] == [
        (1, "single"),
        (2, "multiple"),
        (3, "scale"),
        (4, "text"),
    ]
    assert [o.text for o in questions[1].options.all()] == ["学区划分", "报名时间", "收费"]
    entry = AuditEntry.objects.get(action="survey.create")
    assert (entry.after or {})["questions"] == 4


def test_an_officer_of_another_agency_may_not_draft_one(tree, fred):
    with pytest.raises(WorkflowForbidden):
        make_draft(tree["education"], by=fred)


def test_a_choice_question_needs_two_options_and_the_error_names_it(tree):
    with translation.override("en"), pytest.raises(WorkflowError) as caught:
        make_draft(
            tree["education"],
            questions=[QUESTIONS[2], {"kind": "single", "text": "是否？", "options": ["是"]}],
        )
    assert caught.value.status == 422
    assert caught.value.fields == {"questions.2": "A choice question needs at least two options."}


def test_a_draft_can_be_changed_and_its_questions_replaced(draft, alice):
    survey = services.update_survey(survey=draft, by=alice, title="新标题", questions=QUESTIONS[2:])
    assert survey.title == "新标题"
    assert list(survey.questions.values_list("kind", flat=True)) == ["scale", "text"]


def test_a_published_survey_cannot_be_changed(open_survey, alice):
    with pytest.raises(WorkflowError) as caught:
        services.update_survey(survey=open_survey, by=alice, title="x")
    assert caught.value.status == 409
