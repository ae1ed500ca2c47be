"""What draft replies wait on a person's desk (docs/workflows.md#desks), always for the acting user.

- ``waiting_for_review``: replies sent to review (保密审查) in the agencies where the person reviews
  them (reviewers; the disclosure office, for its agency and every one below);
- ``waiting_for_sign_off``: replies approved in review, where the person signs (领导签批);
- ``returned_to``: replies returned with comments and not yet sent back to review (returned, or
  being changed since), that the person drafted or whose request is assigned to them.

Replies of concluded requests are left out: no step can be taken on them. The four-eyes rule of
``declarations.not_own_submission`` holds here too: a reply the person sent to review is not on their
review or sign-off desk, unless they are the agency's disclosure office. Each queryset is annotated
with ``waiting_since`` and selects the request and its agency, so a list costs the same few queries
however long it is.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.audit_queries import newest_entry
from sunshine.inforequests.codes import CONCLUDED_STATUSES, ReplyStatus
from sunshine.inforequests.models import ReplyDraft
from sunshine.inforequests.replies.declarations import REVIEWER_ROLES, SIGNER_ROLES
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import AnyUser


def _of_agencies(user: AnyUser, roles: frozenset[str]) -> QuerySet[ReplyDraft]:
    agencies = agencies_for_staff(user, roles=roles).filter(is_active=True)
    return (
        ReplyDraft.objects.filter(request__agency__in=agencies)
        .exclude(request__status__in=CONCLUDED_STATUSES)
        .select_related("request", "request__agency")
    )


def _not_own(drafts: QuerySet[ReplyDraft], user: AnyUser) -> QuerySet[ReplyDraft]:
    """Four eyes: one's own submission waits for someone else, unless one is the disclosure office."""
    if not user.is_authenticated or getattr(user, "is_superuser", False):
        return drafts
    office = agencies_for_staff(user, roles={Role.DISCLOSURE_OFFICE})
    return drafts.exclude(Q(submitted_by=user.pk) & ~Q(request__agency__in=office))


def waiting_for_review(user: AnyUser) -> QuerySet[ReplyDraft]:
    return (
        _not_own(_of_agencies(user, REVIEWER_ROLES), user)
        .filter(status=ReplyStatus.SUBMITTED)
        .annotate(waiting_since=Coalesce("submitted_at", "updated_at"))
    )


def waiting_for_sign_off(user: AnyUser) -> QuerySet[ReplyDraft]:
    return (
        _not_own(_of_agencies(user, SIGNER_ROLES), user)
        .filter(status=ReplyStatus.APPROVED)
        .annotate(waiting_since=Coalesce("reviewed_at", "updated_at"))
    )


def returned_to(user: AnyUser) -> QuerySet[ReplyDraft]:
    """``return_comment`` and ``returned_by`` say what must change and who said it."""
    if not user.is_authenticated:
        return ReplyDraft.objects.none()
    returned = Q(status=ReplyStatus.RETURNED) | (Q(status=ReplyStatus.DRAFT) & ~Q(return_comment=""))
    return (
        _of_agencies(user, HANDLING_ROLES)
        .filter(returned)
        .filter(Q(created_by=user.pk) | Q(request__assigned_to=user.pk))
        .select_related("returned_by")
        .annotate(
            waiting_since=Coalesce(newest_entry(ReplyDraft, ["inforequest_reply.return"]), "updated_at")
        )
    )
