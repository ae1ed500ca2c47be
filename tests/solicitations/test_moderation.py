from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.solicitations import services
from sunshine.solicitations.codes import CommentStatus
from tests.solicitations.conftest import COMMENT

CITIZEN_ID = "11010519491231002X"


def comment(solicitation, **fields):
    return services.submit_comment(solicitation=solicitation, **{**COMMENT, **fields})


def test_an_approved_comment_is_published_with_personal_data_masked(client, open_solicitation, alice):
    text = f"我的电话13912345678，身份证{CITIZEN_ID}，邮箱li@example.com。建议延长报名时间。"
    (approved,) = services.moderate([comment(open_solicitation, text=text)], "approve", by=alice)
    assert approved.status == CommentStatus.APPROVED
    assert approved.published_name == "张**"
    assert "13912345678" not in approved.published_text
    assert CITIZEN_ID not in approved.published_text
    assert "li@example.com" not in approved.published_text
    assert "139****5678" in approved.published_text
    body = client.get(f"/api/v1/solicitations/{open_solicitation.pk}").json()
    (shown,) = body["comments"]
    assert shown["name"] == "张**"
    assert "contact" not in shown
    assert "13812345678" not in str(body)


def test_a_comment_is_rejected_with_a_reason(open_solicitation, alice):
    (rejected,) = services.moderate(
        [comment(open_solicitation)], "reject", by=alice, reason="与征求意见内容无关"
    )
    assert rejected.status == CommentStatus.REJECTED
    assert rejected.rejection_reason == "与征求意见内容无关"


def test_a_rejection_without_a_reason_is_refused(open_solicitation, alice):
    with pytest.raises(WorkflowError) as caught:
        services.moderate([comment(open_solicitation)], "reject", by=alice)
    assert caught.value.status == 422
    assert "reason" in caught.value.fields


def test_several_comments_are_approved_at_once(open_solicitation, alice):
    comments = [comment(open_solicitation, text=f"意见{n}") for n in range(3)]
    services.moderate(comments, "approve", by=alice)
    assert set(open_solicitation.comments.values_list("status", flat=True)) == {CommentStatus.APPROVED}
    assert AuditEntry.objects.filter(action="solicitation_comment.approve").count() == 3


def test_a_bulk_approval_is_all_or_nothing(open_solicitation, alice):
    first, second = comment(open_solicitation), comment(open_solicitation)
    services.moderate([second], "reject", by=alice, reason="重复")
    with pytest.raises(WorkflowError):
        services.moderate([first, second], "approve", by=alice)
    first.refresh_from_db()
    assert first.status == CommentStatus.PENDING


def test_an_officer_of_another_agency_may_not_moderate(open_solicitation, fred):
    with pytest.raises(WorkflowForbidden):
        services.moderate([comment(open_solicitation)], "approve", by=fred)


def test_the_audit_log_keeps_neither_the_contact_nor_the_text(open_solicitation, alice):
    services.moderate([comment(open_solicitation)], "approve", by=alice)
    for entry in AuditEntry.objects.filter(action__startswith="solicitation_comment."):
        assert "13812345678" not in str(entry.before) + str(entry.after)
        assert "报名时间" not in str(entry.before) + str(entry.after)
