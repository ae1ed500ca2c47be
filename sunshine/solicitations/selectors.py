"""Reads of solicitations and comments: the public ones for everybody, the rest for staff whose roles
open the agency."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.records.models import Revision
from sunshine.records.selectors import published_records
from sunshine.solicitations.codes import Adoption, CommentStatus, Phase, Status
from sunshine.solicitations.models import Comment, Solicitation
from sunshine.solicitations.roles import STAFF_ROLES

AnyUser = AbstractBaseUser | AnonymousUser
PUBLIC_STATUSES = (Status.PUBLISHED, Status.FEEDBACK_PUBLISHED)


def public_solicitations() -> QuerySet[Solicitation]:
    """Published solicitations (upcoming, open, closed, with feedback), newest first, with the number
    of their published comments."""
    return (
        Solicitation.objects.filter(status__in=PUBLIC_STATUSES, agency__is_active=True)
        .select_related("agency")
        .annotate(published_comments=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
        .order_by("-opens_at", "-pk")
    )


def open_first(
    solicitations: Iterable[Solicitation], now: datetime.datetime | None = None
) -> list[Solicitation]:
    """Open ones first (closing soonest first), then not open yet, then the rest newest first."""
    now = now or timezone.now()
    rank = {Phase.OPEN: 0, Phase.UPCOMING: 1}
    items = list(solicitations)
    return sorted(
        items,
        key=lambda s: (
            rank.get(Phase(s.phase(now)), 2),
            s.closes_at.timestamp() if s.phase(now) == Phase.OPEN else 0,
        ),
    )


def get_public_solicitation(pk: int) -> Solicitation:
    try:
        return public_solicitations().get(pk=pk)
    except Solicitation.DoesNotExist as exc:
        raise Http404(pk) from exc


def published_comments(solicitation: Solicitation) -> QuerySet[Comment]:
    return solicitation.comments.filter(status=CommentStatus.APPROVED).order_by("created_at", "pk")


def solicitations_for_staff(user: AnyUser) -> QuerySet[Solicitation]:
    agencies = agencies_for_staff(user, roles=STAFF_ROLES)
    return (
        Solicitation.objects.filter(agency__in=agencies)
        .select_related("agency")
        .order_by("-created_at", "-pk")
    )


def get_solicitation_for_staff(user: AnyUser, pk: int) -> Solicitation:
    """One solicitation the user's roles open; 404 when it does not exist or is out of reach."""
    try:
        return solicitations_for_staff(user).get(pk=pk)
    except Solicitation.DoesNotExist as exc:
        raise Http404(pk) from exc


def policy_record(solicitation: Solicitation) -> Revision | None:
    """The final policy's published revision, while it is published."""
    if not solicitation.policy_index_number:
        return None
    return published_records().filter(record__index_number=solicitation.policy_index_number).first()


@dataclass
class FeedbackGroup:
    """Published comments of one adoption that share one reason."""

    reason: str
    comments: list[Comment] = field(default_factory=list)


@dataclass
class FeedbackSection:
    adoption: str
    label: str
    groups: list[FeedbackGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.comments) for group in self.groups)


def feedback(solicitation: Solicitation) -> list[FeedbackSection]:
    """The published comments by adoption (adopted, partly, not adopted), those with the same reason
    together; empty until the feedback is published."""
    if solicitation.status != Status.FEEDBACK_PUBLISHED:
        return []
    sections = {value: FeedbackSection(value, str(label)) for value, label in Adoption.choices}
    for comment in published_comments(solicitation):
        section = sections.get(comment.adoption)
        if section is None:
            continue
        group = next((g for g in section.groups if g.reason == comment.adoption_reason), None)
        if group is None:
            group = FeedbackGroup(comment.adoption_reason)
            section.groups.append(group)
        group.comments.append(comment)
    return [section for section in sections.values() if section.groups]
