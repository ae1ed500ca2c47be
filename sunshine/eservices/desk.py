"""What service-guide versions wait on a person's desk (docs/workflows.md#desks), always for the
acting user: versions sent to review where the person reviews (not their own submission, unless they
are the disclosure office: the four eyes of ``actions.check``), and versions returned to the person
who wrote or submitted them. Each queryset is annotated with ``waiting_since`` and selects the item
and its agency."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import AnyUser, agencies_for_staff
from sunshine.core.audit_queries import newest_entry
from sunshine.eservices.actions import DRAFTER_ROLES, REVIEWER_ROLES
from sunshine.eservices.codes import Status
from sunshine.eservices.models import Version


def _of_agencies(user: AnyUser, roles: frozenset[str]) -> QuerySet[Version]:
    agencies = agencies_for_staff(user, roles=roles).filter(is_active=True)
    return Version.objects.filter(item__agency__in=agencies).select_related("item", "item__agency")


def waiting_for_review(user: AnyUser) -> QuerySet[Version]:
    versions = _of_agencies(user, REVIEWER_ROLES).filter(status=Status.SUBMITTED)
    if user.is_authenticated and not getattr(user, "is_superuser", False):
        office = agencies_for_staff(user, roles={Role.DISCLOSURE_OFFICE})
        versions = versions.exclude(Q(submitted_by=user.pk) & ~Q(item__agency__in=office))
    return versions.annotate(waiting_since=Coalesce(newest_entry(Version, ["eservice.submit"]), "updated_at"))


def returned_to(user: AnyUser) -> QuerySet[Version]:
    if not user.is_authenticated:
        return Version.objects.none()
    return (
        _of_agencies(user, DRAFTER_ROLES)
        .filter(status=Status.RETURNED)
        .filter(Q(created_by=user.pk) | Q(submitted_by=user.pk))
        .annotate(waiting_since=Coalesce(newest_entry(Version, ["eservice.return"]), "updated_at"))
    )
