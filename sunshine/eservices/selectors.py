"""Reading service items: what the public may see, and what a member of staff may."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff
from sunshine.eservices.codes import OPEN_STATUSES, Status
from sunshine.eservices.models import Item, Material, MaterialFile, Version


def public_versions() -> QuerySet[Version]:
    """The published version of every item of an active agency: what the public reads."""
    return Version.objects.filter(status=Status.PUBLISHED, item__agency__is_active=True).select_related(
        "item", "item__agency"
    )


def with_children(versions: QuerySet[Version]) -> QuerySet[Version]:
    """``versions`` with their materials (and their files), steps, windows and life events."""
    files = Prefetch("files", queryset=MaterialFile.objects.order_by("purpose"))
    return versions.prefetch_related(
        Prefetch("materials", queryset=Material.objects.prefetch_related(files)), "steps", "windows", "events"
    )


def get_public_version(code: str) -> Version:
    """The published guide of item ``code``; 404 when there is none the public may read."""
    found = with_children(public_versions()).filter(item__code=code).first()
    if found is None:
        raise Http404(code)
    return found


def items_for_staff(user: AnyUser) -> QuerySet[Item]:
    """Items of the agencies ``user`` works for (and those below, for tree roles)."""
    return Item.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency")


def get_item_for_staff(user: AnyUser, code: str) -> Item:
    """One item the person may see; 404 otherwise (the two are not told apart)."""
    found = items_for_staff(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


def get_version_for_staff(user: AnyUser, code: str, number: int) -> Version:
    item = get_item_for_staff(user, code)
    found = with_children(
        Version.objects.filter(item=item, number=number).select_related("item", "item__agency")
    )
    version = found.first()
    if version is None:
        raise Http404(number)
    return version


def open_version(item: Item) -> Version | None:
    """The version being written or reviewed, if any (at most one)."""
    return item.versions.filter(status__in=OPEN_STATUSES).first()


def published_version(item: Item) -> Version | None:
    return item.versions.filter(status=Status.PUBLISHED).first()


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (a tree role held above counts)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    wanted = frozenset(roles)
    return bool(wanted) and agencies_for_staff(user, roles=wanted).filter(pk=agency.pk).exists()
