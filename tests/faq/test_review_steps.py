"""The steps of a common question and who may take them: draft → submitted → published, returned
with comments, withdrawn; each step audited by the workflow kernel."""

from __future__ import annotations

import pytest

from sunshine.core.audit import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.faq import services
from sunshine.faq.models import Status
from tests.faq.conftest import D


def test_a_question_starts_as_a_draft_and_its_creation_is_audited(draft, alice):
    entry = draft()
    assert entry.status == Status.DRAFT
    assert AuditEntry.objects.filter(action="faq.create", object_id=str(entry.pk), actor=alice).exists()


def test_an_officer_submits_and_a_reviewer_publishes(draft, alice, rita):
    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    entry = services.take_action(entry=entry, action="publish", by=rita)
    assert entry.status == Status.PUBLISHED
    assert entry.published_by == rita
    assert entry.published_at is not None
    actions = list(
        AuditEntry.objects.filter(object_type="faq.entry", object_id=str(entry.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["faq.create", "faq.submit", "faq.publish"]


def test_a_reviewer_returns_with_comments_and_the_officer_submits_again(draft, alice, rita):
    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    entry = services.take_action(
        entry=entry, action="return", by=rita, input={"comments": "请补充划片范围查询方式"}
    )
    assert entry.status == Status.RETURNED
    assert entry.comments == "请补充划片范围查询方式"
    services.update_entry(entry=entry, by=alice, answer="新的答复：划片范围可在教育局网站查询。")
    entry = services.take_action(entry=entry, action="submit", by=alice)
    assert entry.status == Status.SUBMITTED
    assert entry.comments == ""


def test_a_return_without_comments_is_refused_with_422(draft, alice, rita):
    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="return", by=rita, input={"comments": ""})
    assert caught.value.status == 422
    assert "comments" in caught.value.fields


def test_an_officer_cannot_publish(draft, alice, make_user, tree):
    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    bob = make_user("bob", agency=tree["education"], role="officer")
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="publish", by=bob)
    assert caught.value.status == 403
    assert caught.value.code == "permission_denied"


def test_a_reviewer_who_submitted_it_does_not_publish_it(draft, rita, make_user, tree):
    from sunshine.agencies import services as agency_services

    agency_services.grant_role(by=None, user=rita, agency=tree["education"], role="officer")
    entry = draft(by=rita)
    services.take_action(entry=entry, action="submit", by=rita)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="publish", by=rita)
    assert caught.value.status == 403
    assert caught.value.code == "own_submission"


def test_the_disclosure_office_may_publish_what_it_submitted(draft, olga):
    entry = draft(by=olga)
    services.take_action(entry=entry, action="submit", by=olga)
    assert services.take_action(entry=entry, action="publish", by=olga).status == Status.PUBLISHED


def test_another_agencys_staff_cannot_take_a_step(draft, alice, fred):
    entry = draft()
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="submit", by=fred)
    assert caught.value.status == 403


def test_publishing_a_draft_is_refused_with_409(draft, rita):
    entry = draft()
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="publish", by=rita)
    assert caught.value.status == 409


def test_a_published_question_is_withdrawn_with_a_reason_then_changed_and_submitted_again(
    published, alice, rita
):
    entry = published()
    with pytest.raises(WorkflowError) as caught:
        services.update_entry(entry=entry, by=alice, category="招生")
    assert caught.value.status == 409
    entry = services.take_action(entry=entry, action="withdraw", by=rita, input={"reason": "政策已调整"})
    assert entry.status == Status.WITHDRAWN
    services.update_entry(entry=entry, by=alice, category="招生")
    assert services.take_action(entry=entry, action="submit", by=alice).status == Status.SUBMITTED
    row = AuditEntry.objects.get(action="faq.withdraw", object_id=str(entry.pk))
    assert (row.after or {})["reason"] == "政策已调整"
    assert (row.before or {})["status"] == "published"


def test_an_expired_question_cannot_be_published(draft, alice, rita):
    entry = draft(valid_from=D(2020, 1, 1), valid_until=D(2020, 12, 31))
    services.take_action(entry=entry, action="submit", by=alice)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(entry=entry, action="publish", by=rita)
    assert caught.value.status == 422
    assert "valid_until" in caught.value.fields


def test_a_validity_that_ends_before_it_starts_is_refused(draft):
    import datetime

    with pytest.raises(WorkflowError) as caught:
        draft(valid_from=datetime.date(2026, 6, 1), valid_until=datetime.date(2026, 1, 1))
    assert caught.value.status == 422
    assert "valid_until" in caught.value.fields


def test_only_the_agencys_officers_write_questions(tree, fred):
    with pytest.raises(WorkflowError) as caught:
        services.create_entry(agency=tree["education"], by=fred, question="问题", answer="答复")
    assert caught.value.status == 403


def test_the_audit_log_reads_each_step_in_words():
    from django.utils import translation

    from sunshine.core import audit_actions

    with translation.override("en"):
        assert audit_actions.label_of("faq.publish") == "Common question published"
        assert audit_actions.label_of("faq.create") == "Common question drafted"
        assert audit_actions.domain_label_of("faq.withdraw") == "Common questions"
