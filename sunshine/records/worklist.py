"""The staff's list of records (back-office page and API share it): filters, timeliness, counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from sunshine.inforequests.clock import Thresholds, current_thresholds
from sunshine.records.codes import OPEN_STATUSES, PUBLISHED_ONCE_STATUSES, Status
from sunshine.records.models import Revision
from sunshine.records.selectors import AnyUser, latest_revisions_for_staff
from sunshine.records.timeliness import Timeliness, timeliness_of

TIMELINESS_FILTERS = ("due_soon", "overdue", "late")


def limits(today: datetime.date | None = None) -> Thresholds:
    """Today and the last due date that counts as "due soon" (SUNSHINE_DUE_SOON_WORKING_DAYS)."""
    return current_thresholds(today)


def timeliness_filter(name: str, bounds: Thresholds) -> Q:
    if name == "due_soon":
        q = Q(status__in=OPEN_STATUSES, due_on__gte=bounds.today)
        return q & Q(due_on__lte=bounds.due_soon_until) if bounds.due_soon_until is not None else q
    if name == "overdue":
        return Q(status__in=OPEN_STATUSES, due_on__lt=bounds.today)
    if name == "late":
        return Q(status__in=PUBLISHED_ONCE_STATUSES, due_on__isnull=False, published_at__date__gt=F("due_on"))
    raise ValueError(name)


def filtered(
    user: AnyUser,
    *,
    agency: Any = None,
    include_below: bool = True,
    status: str | None = None,
    category: str | None = None,
    timeliness: str | None = None,
    q: str | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Revision]:
    """The latest revision of each record the user may see, filtered; newest first."""
    revisions = latest_revisions_for_staff(user)
    if agency is not None:
        if include_below:
            revisions = revisions.filter(record__agency__path__startswith=agency.path)
        else:
            revisions = revisions.filter(record__agency=agency)
    if status:
        revisions = revisions.filter(status=status)
    if category:
        revisions = revisions.filter(Q(category__key=category) | Q(category__parent__key=category))
    if timeliness:
        revisions = revisions.filter(timeliness_filter(timeliness, limits(today)))
    if q:
        words = q.strip()
        revisions = revisions.filter(
            Q(title__icontains=words)
            | Q(document_number__icontains=words)
            | Q(record__index_number__icontains=words)
        )
    return revisions.order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class Counts:
    due_soon: int
    overdue: int
    late_this_year: int
    published_this_year: int


def counts(user: AnyUser, *, agency: Any = None, today: datetime.date | None = None) -> Counts:
    """What the back office shows on top of the list: deadlines close or missed, late publications."""
    bounds = limits(today)
    base = filtered(user, agency=agency, today=today)
    year = bounds.today.year
    published = Revision.objects.filter(
        record__in=base.values("record"), status__in=PUBLISHED_ONCE_STATUSES, published_at__year=year
    )
    return Counts(
        due_soon=base.filter(timeliness_filter("due_soon", bounds)).count(),
        overdue=base.filter(timeliness_filter("overdue", bounds)).count(),
        late_this_year=published.filter(timeliness_filter("late", bounds)).count(),
        published_this_year=published.count(),
    )


def timeliness_state(revision: Revision, bounds: Thresholds) -> Timeliness:
    published_on = (
        timezone.localdate(revision.published_at)
        if revision.published_at is not None and revision.status != Status.SCHEDULED
        else None
    )
    if revision.status in {Status.WITHDRAWN, Status.SUPERSEDED} and published_on is None:
        return Timeliness.UNKNOWN
    return timeliness_of(
        due_on=revision.due_on,
        published_on=published_on,
        today=bounds.today,
        due_soon_until=bounds.due_soon_until,
    )
