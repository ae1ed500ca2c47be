from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.surveys import services
from tests.surveys.conftest import close


def test_a_signer_publishes_and_the_survey_is_open(draft, simon):
    survey = services.perform(draft, "publish", by=simon)
    assert survey.phase() == "open"
    assert AuditEntry.objects.filter(action="survey.publish").exists()


def test_an_officer_may_not_publish(draft, alice):
    with pytest.raises(WorkflowForbidden):
        services.perform(draft, "publish", by=alice)


def test_closing_early_ends_the_period_with_the_reason(open_survey, simon):
    survey = services.perform(open_survey, "close_early", by=simon, reason="政策调整")
    assert survey.phase() == "closed"
    assert survey.closed_early_reason == "政策调整"


def test_results_wait_for_the_survey_to_close(open_survey, simon):
    with pytest.raises(WorkflowError) as caught:
        services.perform(open_survey, "publish_results", by=simon)
    assert caught.value.code == "survey_still_open"
    survey = services.perform(close(open_survey), "publish_results", by=simon, summary="感谢参与")
    assert survey.phase() == "results_published"
    assert survey.results_published_at is not None
