"""What letters' draft replies wait on a person's desk (docs/workflows.md#desks), always for the
acting user: as for requests' replies (``inforequests.replies.desk``), those in review where the person
reviews, those approved where the person signs, and those returned to the officer who drafted them.
Replies of concluded letters are left out; the four-eyes rule holds (one's own submission is not on
one's review or sign-off desk, unless one is the disclosure office). Each queryset is annotated with
``waiting_since`` and selects the letter and its agency."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.audit_queries import newest_entry
from sunshine.letters.codes import CONCLUDED_STATUSES, ReplyStatus
from sunshine.letters.models import LetterReplyDraft
from sunshine.letters.replies.declarations import REVIEWER_ROLES, SIGNER_ROLES
from sunshine.letters.roles import HANDLING_ROLES
from sunshine.letters.selectors import AnyUser


def _of_agencies(user: AnyUser, roles: frozenset[str]) -> QuerySet[LetterReplyDraft]:
    agencies = agencies_for_staff(user, roles=roles).filter(is_active=True)
    return (
        LetterReplyDraft.objects.filter(letter__agency__in=agencies)
        .exclude(letter__status__in=CONCLUDED_STATUSES)
        .select_related("letter", "letter__agency")
    )


def _not_own(drafts: QuerySet[LetterReplyDraft], user: AnyUser) -> QuerySet[LetterReplyDraft]:
    if not user.is_authenticated or getattr(user, "is_superuser", False):
        return drafts
    office = agencies_for_staff(user, roles={Role.DISCLOSURE_OFFICE})
    return drafts.exclude(Q(submitted_by=user.pk) & ~Q(letter__agency__in=office))


def waiting_for_review(user: AnyUser) -> QuerySet[LetterReplyDraft]:
    return (
        _not_own(_of_agencies(user, REVIEWER_ROLES), user)
        .filter(status=ReplyStatus.IN_REVIEW)
        .annotate(waiting_since=Coalesce("submitted_at", "updated_at"))
    )


def waiting_for_sign_off(user: AnyUser) -> QuerySet[LetterReplyDraft]:
    return (
        _not_own(_of_agencies(user, SIGNER_ROLES), user)
        .filter(status=ReplyStatus.APPROVED)
        .annotate(waiting_since=Coalesce("reviewed_at", "updated_at"))
    )


def returned_to(user: AnyUser) -> QuerySet[LetterReplyDraft]:
    """Drafts the person wrote or sent to review, returned and not yet sent back to review."""
    if not user.is_authenticated:
        return LetterReplyDraft.objects.none()
    returned = Q(status=ReplyStatus.RETURNED) | (Q(status=ReplyStatus.DRAFT) & ~Q(return_comment=""))
    return (
        _of_agencies(user, HANDLING_ROLES)
        .filter(returned)
        .filter(Q(created_by=user.pk) | Q(submitted_by=user.pk))
        .select_related("returned_by")
        .annotate(
            waiting_since=Coalesce(newest_entry(LetterReplyDraft, ["letter_reply.return"]), "updated_at")
        )
    )
