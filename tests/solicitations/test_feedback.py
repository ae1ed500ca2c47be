from __future__ import annotations

import pytest

from sunshine.core.workflow import WorkflowError
from sunshine.solicitations import selectors, services
from sunshine.solicitations.codes import Adoption, Status
from tests.records.conftest import make_draft as make_record_draft
from tests.records.conftest import publish_now
from tests.solicitations.conftest import COMMENT, close


@pytest.fixture
def policy(tree, db):
    """The final policy, published with an index number."""
    return publish_now(make_record_draft(tree["education"], title="阳光市义务教育招生办法")).record


def approved(solicitation, by, **fields):
    comment = services.submit_comment(solicitation=solicitation, **{**COMMENT, **fields})
    return services.moderate([comment], "approve", by=by)[0]


def test_the_feedback_waits_for_the_end_of_the_comment_period(open_solicitation, simon):
    with pytest.raises(WorkflowError) as caught:
        services.perform(open_solicitation, "publish_feedback", by=simon, summary="采纳情况如下。")
    assert (caught.value.status, caught.value.code) == (409, "solicitation_still_open")


def test_the_feedback_waits_for_every_comment_to_be_moderated(open_solicitation, simon):
    services.submit_comment(solicitation=open_solicitation, **COMMENT)
    close(open_solicitation)
    with pytest.raises(WorkflowError) as caught:
        services.perform(open_solicitation, "publish_feedback", by=simon, summary="采纳情况如下。")
    assert caught.value.code == "comments_awaiting_moderation"


def test_the_feedback_says_for_every_published_comment_whether_it_was_adopted(
    open_solicitation, alice, simon
):
    approved(open_solicitation, alice)
    close(open_solicitation)
    with pytest.raises(WorkflowError) as caught:
        services.perform(open_solicitation, "publish_feedback", by=simon, summary="采纳情况如下。")
    assert caught.value.code == "adoption_missing"


def test_a_comment_not_adopted_needs_its_reasons(open_solicitation, alice):
    comment = approved(open_solicitation, alice)
    with pytest.raises(WorkflowError) as caught:
        services.moderate([comment], "mark_adoption", by=alice, adoption=Adoption.NOT_ADOPTED)
    assert "reason" in caught.value.fields


def test_the_published_feedback_groups_comments_by_adoption_and_reason(open_solicitation, alice, simon):
    first, second, third = (approved(open_solicitation, alice, text=f"意见{n}") for n in range(3))
    services.moderate(
        [first, second], "mark_adoption", by=alice, adoption=Adoption.ADOPTED, reason="已修改第三条"
    )
    services.moderate(
        [third], "mark_adoption", by=alice, adoption=Adoption.NOT_ADOPTED, reason="与上位法不符"
    )
    close(open_solicitation)
    done = services.perform(open_solicitation, "publish_feedback", by=simon, summary="共收到意见3条。")
    assert done.status == Status.FEEDBACK_PUBLISHED
    sections = selectors.feedback(done)
    assert [(s.adoption, s.count) for s in sections] == [("adopted", 2), ("not_adopted", 1)]
    assert [g.reason for g in sections[0].groups] == ["已修改第三条"]


def test_adoption_is_fixed_once_the_feedback_is_published(open_solicitation, alice, simon):
    comment = approved(open_solicitation, alice)
    services.moderate([comment], "mark_adoption", by=alice, adoption=Adoption.ADOPTED)
    close(open_solicitation)
    services.perform(open_solicitation, "publish_feedback", by=simon, summary="全部采纳。")
    with pytest.raises(WorkflowError) as caught:
        services.moderate([comment], "mark_adoption", by=alice, adoption=Adoption.PARTLY, reason="x")
    assert caught.value.code == "feedback_already_published"


def test_the_final_policy_is_linked_by_the_index_number_of_a_published_record(
    open_solicitation, simon, policy
):
    close(open_solicitation)
    done = services.perform(
        open_solicitation,
        "publish_feedback",
        by=simon,
        summary="无意见。",
        policy_index_number=policy.index_number,
    )
    assert done.policy_index_number == policy.index_number
    linked = selectors.policy_record(done)
    assert linked is not None
    assert linked.title == "阳光市义务教育招生办法"


def test_an_index_number_that_is_not_published_is_refused(open_solicitation, simon):
    close(open_solicitation)
    with pytest.raises(WorkflowError) as caught:
        services.perform(
            open_solicitation,
            "publish_feedback",
            by=simon,
            summary="无意见。",
            policy_index_number="000-2026-999",
        )
    assert caught.value.status == 422
    assert "policy_index_number" in caught.value.fields
    open_solicitation.refresh_from_db()
    assert open_solicitation.status == Status.PUBLISHED


def test_the_policy_is_linked_later_when_it_is_published(open_solicitation, simon, policy):
    close(open_solicitation)
    services.perform(open_solicitation, "publish_feedback", by=simon, summary="无意见。")
    linked = services.perform(
        open_solicitation, "link_policy", by=simon, policy_index_number=policy.index_number
    )
    assert linked.policy_index_number == policy.index_number
