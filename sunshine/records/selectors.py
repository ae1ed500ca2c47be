"""Reads of records.

Public code reads records ONLY through ``published_records()`` (and the helpers built on it): it
answers the current published revision of each record and nothing else, so drafts, revisions under
review, review comments, superseded and withdrawn content can never reach the public.

Staff reads go through the functions taking the acting user: people see the records of the
agencies whose non-public data they may see (their own; with a tree role, every agency below).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.models import TREE_ROLES, Agency, Role
from sunshine.agencies.selectors import agencies_for_staff, memberships_of
from sunshine.records.codes import Status
from sunshine.records.models import Category, Record, Revision

AnyUser = AbstractBaseUser | AnonymousUser


# --- Public -----------------------------------------------------------------------------------


def published_records() -> QuerySet[Revision]:
    """The current published revision of every published, non-withdrawn record of an active agency.

    The one way public pages, feeds, search and the public API read records.
    """
    return Revision.objects.filter(
        status=Status.PUBLISHED,
        published_at__lte=timezone.now(),
        record__index_number__isnull=False,
        record__agency__is_active=True,
    ).select_related("record", "record__agency", "category", "topic")


def get_published_record(index_number: str) -> Revision:
    try:
        return published_records().get(record__index_number=index_number)
    except Revision.DoesNotExist as exc:
        raise Http404(index_number) from exc


def published_in_tree(agency: Agency) -> QuerySet[Revision]:
    """直报: the published records of ``agency`` and of every agency below it, each with its own agency."""
    return published_records().filter(record__agency__path__startswith=agency.path)


@dataclass(frozen=True)
class AgencyCount:
    agency: Agency
    count: int
    last_published: datetime.datetime | None


def published_counts_by_agency(agency: Agency) -> list[AgencyCount]:
    """How many records each agency of the tree has published (those with none included)."""
    rows = {
        row["record__agency"]: row
        for row in published_in_tree(agency)
        .order_by()
        .values("record__agency")
        .annotate(n=Count("id"), last=Max("published_at"))
    }
    tree = Agency.objects.filter(path__startswith=agency.path, is_active=True).order_by("path", "sort_order")
    return [
        AgencyCount(a, rows[a.pk]["n"] if a.pk in rows else 0, rows[a.pk]["last"] if a.pk in rows else None)
        for a in tree
    ]


def published_counts_by_category(agency: Agency) -> dict[str, int]:
    """Published records of the tree by category key (standard keys add up across agencies)."""
    rows = (
        published_in_tree(agency)
        .order_by()
        .values("category__key")
        .annotate(n=Count("id"))
        .order_by("category__key")
    )
    return {row["category__key"]: row["n"] for row in rows}


def published_counts_by_category_id(agency: Agency) -> dict[int, int]:
    """The agency's own published records by category id (a category with none is left out)."""
    rows = (
        published_records()
        .filter(record__agency=agency)
        .order_by()
        .values("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return dict(rows)


def published_in_tree_category(agency: Agency, key: str) -> QuerySet[Revision]:
    """直报 by category: the published records of the agency's tree filed in a category with the key
    ``key`` or in a sub-category of one (standard keys mean the same in every agency)."""
    return published_in_tree(agency).filter(Q(category__key=key) | Q(category__parent__key=key))


def published_count_in_tree(agency: Agency, key: str) -> int:
    return published_in_tree_category(agency, key).count()


def published_counts_by_branch(agency: Agency) -> dict[int, int]:
    """The agency's own published records under its id and, under the id of each agency directly
    below it, the published records of that agency and of every agency below it."""
    rows = (
        published_in_tree(agency)
        .order_by()
        .values("record__agency__path")
        .annotate(n=Count("id"))
        .values_list("record__agency__path", "n")
    )
    counts: dict[int, int] = {}
    for path, n in rows:
        below = path[len(agency.path) :].strip("/")
        branch = int(below.split("/", 1)[0]) if below else agency.pk
        counts[branch] = counts.get(branch, 0) + n
    return counts


def published_interpretations(record: Record) -> QuerySet[Revision]:
    """The published interpretations (政策解读) of a policy document."""
    return published_records().filter(interprets=record).order_by("published_at")


@dataclass(frozen=True)
class CategoryFreshness:
    category: Category
    last_published: datetime.datetime | None
    stale: bool  # nothing published for longer than the category's expected interval


def category_freshness(agency: Agency, today: datetime.date | None = None) -> list[CategoryFreshness]:
    """For oversight: each active category of an agency with its last publication and whether it is
    stale (a category with an interval and nothing ever published is stale too)."""
    today = today or timezone.localdate()
    last = {
        row["category"]: row["last"]
        for row in published_records()
        .filter(category__agency=agency)
        .order_by()
        .values("category")
        .annotate(last=Max("published_at"))
    }
    rows = list(Category.objects.filter(agency=agency, is_active=True).order_by("sort_order", "pk"))
    for category in rows:  # a category with sub-categories is as fresh as the freshest of them
        if category.parent_id is not None and category.pk in last:
            current = last.get(category.parent_id)
            last[category.parent_id] = max(current, last[category.pk]) if current else last[category.pk]
    result = []
    for category in rows:
        when = last.get(category.pk)
        stale = category.interval_days is not None and (
            when is None or (today - timezone.localtime(when).date()).days > category.interval_days
        )
        result.append(CategoryFreshness(category, when, stale))
    return result


# --- Staff ------------------------------------------------------------------------------------


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (a tree role held above counts)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    roles = frozenset(roles)
    if not roles:
        return False
    return agencies_for_staff(user, roles=roles).filter(pk=agency.pk).exists()


def agencies_with_roles(user: AnyUser, roles: Iterable[str]) -> QuerySet[Agency]:
    """Active agencies where ``user`` holds one of ``roles`` (superusers: all)."""
    return (
        agencies_for_staff(user, roles=frozenset(roles)).filter(is_active=True).order_by("path", "sort_order")
    )


def records_for_staff(user: AnyUser) -> QuerySet[Record]:
    return Record.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency")


def get_record_for_staff(user: AnyUser, pk: int) -> Record:
    try:
        return records_for_staff(user).get(pk=pk)
    except Record.DoesNotExist as exc:
        raise Http404(pk) from exc


def latest_revision(record: Record) -> Revision:
    revision = record.revisions.select_related("category", "topic", "interprets").order_by("-number").first()
    if revision is None:  # every record is created with its first revision
        raise Http404(record.pk)
    return revision


def published_revision(record: Record) -> Revision | None:
    return record.revisions.filter(status=Status.PUBLISHED).first()


def latest_revisions_for_staff(user: AnyUser) -> QuerySet[Revision]:
    """The latest revision of each record the user may see (what the back-office list shows)."""
    newest = Revision.objects.filter(record=OuterRef("record")).order_by("-number").values("pk")[:1]
    return Revision.objects.filter(
        record__agency__in=agencies_for_staff(user), pk=Subquery(newest)
    ).select_related("record", "record__agency", "category")


def roles_for(user: AnyUser, agency: Agency) -> frozenset[str]:
    """The roles ``user`` may act in for ``agency`` (held there, or a tree role held above); one query."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return frozenset(Role.values)
    roles = set()
    for membership in memberships_of(user):
        if membership.agency_id == agency.pk or (
            membership.role in TREE_ROLES and agency.path.startswith(membership.agency.path)
        ):
            roles.add(membership.role)
    return frozenset(roles)
