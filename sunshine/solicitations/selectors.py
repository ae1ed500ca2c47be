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
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import agencies_for_staff, roles_in
from sunshine.core.workflow import WorkflowError
from sunshine.records.models import Revision
from sunshine.records.selectors import published_records
from sunshine.solicitations.actions import WORKFLOW
from sunshine.solicitations.codes import Adoption, CommentStatus, Phase, Status
from sunshine.solicitations.models import Comment, Solicitation
from sunshine.solicitations.roles import DRAFTER_ROLES, MODERATOR_ROLES, STAFF_ROLES

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


def works_on_solicitations(user: AnyUser) -> bool:
    """Whether the person's roles open the solicitations of at least one agency (the staff pages
    and the link to them)."""
    return agencies_for_staff(user, roles=STAFF_ROLES).exists()


def pending_comments_for_staff(user: AnyUser) -> QuerySet[Comment]:
    """The comments awaiting moderation on the solicitations the person's roles open."""
    return Comment.objects.filter(
        solicitation__in=solicitations_for_staff(user), status=CommentStatus.PENDING
    )


def get_solicitation_for_staff(user: AnyUser, pk: int) -> Solicitation:
    """One solicitation the user's roles open; 404 when it does not exist or is out of reach."""
    try:
        return solicitations_for_staff(user).get(pk=pk)
    except Solicitation.DoesNotExist as exc:
        raise Http404(pk) from exc


def steps_for(user: AnyUser, solicitation: Solicitation) -> list[str]:
    """The steps of the solicitation's status that the person's roles allow, in declared order."""
    return WORKFLOW.for_roles(solicitation.status, roles_in(user, solicitation.agency))


def may_draft(user: AnyUser, solicitation: Solicitation) -> bool:
    """Whether the person may change the solicitation: a draft, and a drafter of its agency."""
    return solicitation.status == Status.DRAFT and bool(roles_in(user, solicitation.agency) & DRAFTER_ROLES)


def may_moderate(user: AnyUser, solicitation: Solicitation) -> bool:
    return bool(roles_in(user, solicitation.agency) & MODERATOR_ROLES)


def staff_comments(solicitation: Solicitation) -> QuerySet[Comment]:
    """Every comment, with its contact: for staff only."""
    return solicitation.comments.order_by("created_at", "pk")


def comments_by_ids(solicitation: Solicitation, ids: Iterable[int]) -> list[Comment]:
    """The solicitation's comments with these ids; 404 naming the ids that are not among them."""
    wanted = list(dict.fromkeys(ids))
    comments = list(staff_comments(solicitation).filter(pk__in=wanted))
    missing = sorted(set(wanted) - {c.pk for c in comments})
    if missing:
        raise WorkflowError(
            404,
            "not_found",
            _("Nothing was found at this address."),
            {"ids": ", ".join(str(pk) for pk in missing)},
        )
    return comments


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
    return adoption_sections(solicitation)


def adoption_sections(solicitation: Solicitation) -> list[FeedbackSection]:
    """The published comments marked so far, by adoption and reason: what the feedback will say
    (staff read it while they prepare it)."""
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
