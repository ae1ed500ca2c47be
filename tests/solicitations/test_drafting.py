from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.solicitations import services
from sunshine.solicitations.codes import Status
from tests.solicitations.conftest import DAY, make_draft


def test_an_officer_drafts_a_solicitation_for_their_agency(tree, alice):
    solicitation = make_draft(tree["education"], by=alice)
    assert solicitation.status == Status.DRAFT
    assert solicitation.created_by == alice
    entry = AuditEntry.objects.get(action="solicitation.create")
    assert entry.actor == alice


def test_an_officer_of_another_agency_may_not_draft_one(tree, fred):
    with pytest.raises(WorkflowForbidden):
        make_draft(tree["education"], by=fred)


def test_the_comment_period_must_end_after_it_opens(tree, alice):
    draft = make_draft(tree["education"], by=alice)
    with pytest.raises(WorkflowError) as caught:
        make_draft(tree["education"], by=alice, closes_at=draft.opens_at - DAY)
    assert caught.value.status == 422
    assert "closes_at" in caught.value.fields


def test_a_draft_is_changed_and_audited(draft, alice):
    changed = services.update_solicitation(solicitation=draft, by=alice, title="新的标题")
    assert changed.title == "新的标题"
    assert AuditEntry.objects.filter(action="solicitation.edit").count() == 1


def test_a_published_solicitation_is_no_longer_changed(open_solicitation, alice):
    with pytest.raises(WorkflowError) as caught:
        services.update_solicitation(solicitation=open_solicitation, by=alice, title="新的标题")
    assert caught.value.status == 409
