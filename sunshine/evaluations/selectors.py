"""Reads of ratings and rectifications: staff see the rectifications of their agencies (and those
below, for tree roles); the public reads counters and the statistics, never a comment."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.eservices.models import Version, Window
from sunshine.eservices.selectors import public_versions
from sunshine.evaluations.actions import WORKFLOW
from sunshine.evaluations.codes import RectificationStatus
from sunshine.evaluations.models import Rectification


def rectifications_for_staff(user: AnyUser) -> QuerySet[Rectification]:
    return Rectification.objects.filter(agency__in=agencies_for_staff(user)).select_related(
        "agency", "case", "case__item", "case__version", "evaluation"
    )


def get_rectification_for_staff(user: AnyUser, pk: int) -> Rectification:
    found = rectifications_for_staff(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def actions_for(user: AnyUser, rectification: Rectification) -> list[str]:
    return WORKFLOW.for_roles(rectification.status, roles_in(user, rectification.agency))


def is_overdue(rectification: Rectification, today: datetime.date | None = None) -> bool:
    """Not closed and the due date is past (closed ones: closed after the due date)."""
    today = today or timezone.localdate()
    if rectification.status == RectificationStatus.CLOSED:
        return rectification.closed_on is not None and rectification.closed_on > rectification.due_date
    return today > rectification.due_date


@dataclass(frozen=True)
class Counter:
    """A window of a published guide: where its QR code leads."""

    version: Version
    window: Window


def get_public_counter(code: str, key: str) -> Counter:
    """The window ``key`` of the published guide of item ``code``; 404 otherwise."""
    version = public_versions().filter(item__code=code).first()
    window = version.windows.filter(key=key).first() if version is not None else None
    if version is None or window is None:
        raise Http404(f"{code}/{key}")
    return Counter(version, window)


def counters_for_staff(user: AnyUser) -> list[Counter]:
    """The windows of the published guides of the person's agencies."""
    versions = (
        public_versions()
        .filter(item__agency__in=agencies_for_staff(user))
        .prefetch_related("windows")
        .order_by("item__code")
    )
    return [Counter(version, window) for version in versions for window in version.windows.all()]
