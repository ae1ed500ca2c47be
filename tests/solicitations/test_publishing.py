from __future__ import annotations

import pytest
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.solicitations import services
from sunshine.solicitations.codes import Phase, Status
from tests.solicitations.conftest import DAY, close, set_period


def test_a_signer_publishes_it_for_comment(draft, simon):
    published = services.perform(draft, "publish", by=simon)
    assert published.status == Status.PUBLISHED
    assert published.phase() == Phase.OPEN
    assert published.days_left() == 10
    assert AuditEntry.objects.filter(action="solicitation.publish", actor=simon).exists()


def test_the_disclosure_office_above_publishes_it_too(draft, olga):
    assert services.perform(draft, "publish", by=olga).status == Status.PUBLISHED


def test_an_officer_may_not_publish_it(draft, alice):
    with pytest.raises(WorkflowForbidden):
        services.perform(draft, "publish", by=alice)


def test_it_is_open_only_between_its_dates(open_solicitation):
    now = timezone.now()
    assert set_period(open_solicitation, now + DAY, now + 5 * DAY).phase() == Phase.UPCOMING
    assert open_solicitation.days_left() is None
    assert close(open_solicitation).phase() == Phase.CLOSED


def test_a_period_already_over_cannot_be_published(draft, simon):
    now = timezone.now()
    set_period(draft, now - 5 * DAY, now - DAY)
    with pytest.raises(WorkflowError) as caught:
        services.perform(draft, "publish", by=simon)
    assert caught.value.status == 422


def test_it_is_closed_early_with_a_reason(open_solicitation, simon):
    closed = services.perform(open_solicitation, "close_early", by=simon, reason="上级文件已调整")
    assert closed.phase() == Phase.CLOSED
    assert closed.closed_early_reason == "上级文件已调整"


def test_a_closed_solicitation_is_not_closed_early_again(open_solicitation, simon):
    close(open_solicitation)
    with pytest.raises(WorkflowError) as caught:
        services.perform(open_solicitation, "close_early", by=simon, reason="x")
    assert (caught.value.status, caught.value.code) == (409, "solicitation_not_open")
