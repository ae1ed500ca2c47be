"""What each step changes, the checks before it and what the kernel needs to know of the objects."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Step, WorkflowError, invalid
from sunshine.records.privacy_scan import mask_all
from sunshine.records.selectors import get_published_record
from sunshine.solicitations.actions.inputs import (
    AdoptionInput,
    CloseEarlyInput,
    FeedbackInput,
    LinkPolicyInput,
    RejectInput,
)
from sunshine.solicitations.codes import Adoption, CommentStatus, Phase, Status
from sunshine.solicitations.masking import mask_display_name
from sunshine.solicitations.models import Comment, Solicitation

AUDITED_FIELDS = (
    "status",
    "title",
    "opens_at",
    "closes_at",
    "published_at",
    "feedback_published_at",
    "policy_index_number",
)


# --- Solicitations ---------------------------------------------------------------------------------


def lock(solicitation: Solicitation) -> Solicitation:
    return (
        Solicitation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=solicitation.pk)
    )


def agency_of(solicitation: Solicitation) -> Agency:
    return solicitation.agency


def snapshot(solicitation: Solicitation) -> dict[str, Any]:
    return audit.snapshot(solicitation, AUDITED_FIELDS)


def checked_index_number(value: str, field: str = "policy_index_number") -> str:
    """The index number of a published record, or 422 naming ``field``."""
    value = value.strip()
    if not value:
        return ""
    try:
        get_published_record(value)
    except Http404 as exc:
        raise invalid({field: _("No published record has this index number.")}) from exc
    return value


def publish(step: Step[Solicitation]) -> dict[str, Any]:
    solicitation = step.obj
    if solicitation.closes_at <= step.now:
        raise invalid({"closes_at": _("The comment period must end in the future.")})
    if solicitation.closes_at <= solicitation.opens_at:
        raise invalid({"closes_at": _("The comment period must end after it opens.")})
    solicitation.published_at = step.now
    return {"opens_at": solicitation.opens_at, "closes_at": solicitation.closes_at}


def close_early(step: Step[Solicitation]) -> dict[str, Any]:
    solicitation = step.obj
    if solicitation.phase(step.now) != Phase.OPEN:
        raise WorkflowError(409, "solicitation_not_open", _("Only an open solicitation can be closed early."))
    assert isinstance(step.input, CloseEarlyInput)
    solicitation.closes_at = step.now
    solicitation.closed_early_reason = step.input.reason
    return {"reason": step.input.reason}


def publish_feedback(step: Step[Solicitation]) -> dict[str, Any]:
    solicitation = step.obj
    assert isinstance(step.input, FeedbackInput)
    if solicitation.phase(step.now) != Phase.CLOSED:
        raise WorkflowError(
            409, "solicitation_still_open", _("The feedback is published once the comment period has ended.")
        )
    comments = solicitation.comments.all()
    if comments.filter(status=CommentStatus.PENDING).exists():
        raise WorkflowError(
            409,
            "comments_awaiting_moderation",
            _("Some comments still await moderation: approve or reject each of them first."),
        )
    if comments.filter(status=CommentStatus.APPROVED, adoption="").exists():
        raise WorkflowError(
            409,
            "adoption_missing",
            _("Say for every published comment whether it was adopted before publishing the feedback."),
        )
    solicitation.feedback_summary = step.input.summary
    solicitation.policy_index_number = checked_index_number(step.input.policy_index_number)
    solicitation.feedback_published_at = step.now
    return {"policy_index_number": solicitation.policy_index_number}


def link_policy(step: Step[Solicitation]) -> dict[str, Any]:
    assert isinstance(step.input, LinkPolicyInput)
    step.obj.policy_index_number = checked_index_number(step.input.policy_index_number)
    return {"policy_index_number": step.obj.policy_index_number}


# --- Comments --------------------------------------------------------------------------------------


def lock_comment(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("solicitation", "solicitation__agency")
        .get(pk=comment.pk)
    )


def comment_agency(comment: Comment) -> Agency:
    return comment.solicitation.agency


def comment_snapshot(comment: Comment) -> dict[str, Any]:
    """Never the contact nor the text: the audit log is no place for the commenter's data."""
    return {"solicitation": comment.solicitation_id, **audit.snapshot(comment, ("status", "adoption"))}


def check_comment(step: Step[Comment]) -> None:
    if step.obj.solicitation.status == Status.FEEDBACK_PUBLISHED:
        raise WorkflowError(
            409, "feedback_already_published", _("The feedback on this solicitation has been published.")
        )


def approve(step: Step[Comment]) -> dict[str, Any]:
    comment = step.obj
    rule = comment.solicitation.agency.name_masking
    comment.published_name = mask_display_name(comment.name, rule)
    comment.published_text = mask_all(comment.text, rule)
    comment.moderated_by = person_or_none(step.by)
    comment.moderated_at = step.now
    return {}


def reject(step: Step[Comment]) -> dict[str, Any]:
    assert isinstance(step.input, RejectInput)
    step.obj.rejection_reason = step.input.reason
    step.obj.moderated_by = person_or_none(step.by)
    step.obj.moderated_at = step.now
    return {"reason": step.input.reason}


def mark_adoption(step: Step[Comment]) -> dict[str, Any]:
    assert isinstance(step.input, AdoptionInput)
    reason = step.input.reason.strip()
    if step.input.adoption != Adoption.ADOPTED and not reason:
        raise invalid({"reason": _("Give the reasons where a comment is not, or only partly, adopted.")})
    step.obj.adoption = step.input.adoption
    step.obj.adoption_reason = reason
    return {"adoption": step.input.adoption}
