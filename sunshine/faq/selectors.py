"""Reading common questions: what the public may see, and what a member of staff may."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff
from sunshine.faq.models import Entry, Status


def public_entries(today: datetime.date | None = None) -> QuerySet[Entry]:
    """Entries the public may read today: published, within their validity, of an active agency."""
    today = today or timezone.localdate()
    return (
        Entry.objects.filter(status=Status.PUBLISHED, agency__is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("agency")
    )


def get_public_entry(entry_id: int, today: datetime.date | None = None) -> Entry:
    try:
        return public_entries(today).get(pk=entry_id)
    except Entry.DoesNotExist as exc:
        raise Http404(entry_id) from exc


def entries_for_staff(user: AnyUser) -> QuerySet[Entry]:
    """Entries of the agencies ``user`` works for (and those below, for tree roles)."""
    return Entry.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency")


def get_entry_for_staff(user: AnyUser, entry_id: int) -> Entry:
    """One entry the person may see; 404 otherwise (the two are not told apart)."""
    try:
        return entries_for_staff(user).get(pk=entry_id)
    except Entry.DoesNotExist as exc:
        raise Http404(entry_id) from exc


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (a tree role held above counts)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    wanted = frozenset(roles)
    return bool(wanted) and agencies_for_staff(user, roles=wanted).filter(pk=agency.pk).exists()
