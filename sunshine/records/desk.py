"""What records wait on a person's desk (docs/workflows.md#desks), always for the acting user.

- ``waiting_for_review``: revisions submitted for the confidentiality review in the agencies where the
  person may approve them (reviewers; the disclosure office, for its agency and every one below);
- ``waiting_for_sign_off``: revisions approved in review, where the person may sign them off;
- ``returned_to``: the person's own revisions (drafted or submitted by them) returned for changes,
  each with the comment and who returned it.

The four-eyes rule of ``actions.handlers.not_own_submission`` holds here too: a revision the person
submitted is not on their review or sign-off desk, unless they are the agency's disclosure office.
Each queryset is annotated with ``waiting_since`` (when the step began) and selects what a desk shows,
so a list costs the same few queries however long it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from sunshine.agencies.models import Role
from sunshine.records.actions.roles import DRAFTER_ROLES, REVIEWER_ROLES, SIGNER_ROLES
from sunshine.records.codes import EventKind, Status
from sunshine.records.models import Revision, RevisionEvent
from sunshine.records.selectors import AnyUser, agencies_with_roles


def _last_event_at(kind: str) -> Subquery:
    events = RevisionEvent.objects.filter(revision=OuterRef("pk"), kind=kind).order_by("-at", "-pk")
    return Subquery(events.values("at")[:1])


def _in_agencies_of(user: AnyUser, status: str, roles: Iterable[str]) -> QuerySet[Revision]:
    revisions = Revision.objects.filter(status=status, record__agency__in=agencies_with_roles(user, roles))
    if user.is_authenticated and not getattr(user, "is_superuser", False):
        # Four eyes: one's own submission waits for someone else, unless one is the disclosure office.
        office = agencies_with_roles(user, {Role.DISCLOSURE_OFFICE})
        revisions = revisions.exclude(Q(submitted_by=user.pk) & ~Q(record__agency__in=office))
    return revisions.select_related("record", "record__agency")


def waiting_for_review(user: AnyUser) -> QuerySet[Revision]:
    return _in_agencies_of(user, Status.SUBMITTED, REVIEWER_ROLES).annotate(
        waiting_since=_last_event_at(EventKind.SUBMIT)
    )


def waiting_for_sign_off(user: AnyUser) -> QuerySet[Revision]:
    return _in_agencies_of(user, Status.APPROVED, SIGNER_ROLES).annotate(
        waiting_since=_last_event_at(EventKind.APPROVE)
    )


def returned_to(user: AnyUser) -> QuerySet[Revision]:
    """The person's returned revisions; ``returns`` holds the return events, newest first, with who
    returned it (``returns[0].comments`` and ``returns[0].by``)."""
    if not user.is_authenticated:
        return Revision.objects.none()
    returns = RevisionEvent.objects.filter(kind=EventKind.RETURN).select_related("by").order_by("-at", "-pk")
    return (
        Revision.objects.filter(
            Q(created_by=user.pk) | Q(submitted_by=user.pk),
            status=Status.RETURNED,
            record__agency__in=agencies_with_roles(user, DRAFTER_ROLES),
        )
        .select_related("record", "record__agency")
        .annotate(waiting_since=_last_event_at(EventKind.RETURN))
        .prefetch_related(Prefetch("events", queryset=returns, to_attr="returns"))
    )
