"""What common questions wait on a person's desk (docs/workflows.md#desks), always for the acting
user: questions sent to review where the person reviews (not their own submission, unless they are the
disclosure office: the four eyes of ``actions.check``), and questions returned to the person who wrote
or submitted them. Each queryset is annotated with ``waiting_since`` and selects the agency."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.audit_queries import newest_entry
from sunshine.faq.actions import DRAFTER_ROLES, REVIEWER_ROLES
from sunshine.faq.models import Entry, Status
from sunshine.faq.selectors import AnyUser


def _of_agencies(user: AnyUser, roles: frozenset[str]) -> QuerySet[Entry]:
    agencies = agencies_for_staff(user, roles=roles).filter(is_active=True)
    return Entry.objects.filter(agency__in=agencies).select_related("agency")


def waiting_for_review(user: AnyUser) -> QuerySet[Entry]:
    entries = _of_agencies(user, REVIEWER_ROLES).filter(status=Status.SUBMITTED)
    if user.is_authenticated and not getattr(user, "is_superuser", False):
        office = agencies_for_staff(user, roles={Role.DISCLOSURE_OFFICE})
        entries = entries.exclude(Q(submitted_by=user.pk) & ~Q(agency__in=office))
    return entries.annotate(waiting_since=Coalesce(newest_entry(Entry, ["faq.submit"]), "updated_at"))


def returned_to(user: AnyUser) -> QuerySet[Entry]:
    if not user.is_authenticated:
        return Entry.objects.none()
    return (
        _of_agencies(user, DRAFTER_ROLES)
        .filter(status=Status.RETURNED)
        .filter(Q(created_by=user.pk) | Q(submitted_by=user.pk))
        .annotate(waiting_since=Coalesce(newest_entry(Entry, ["faq.return"]), "updated_at"))
    )
