"""Reading the audit log beside the objects it is about: the newest entry of some actions, as a
subquery on the object's own rows (for procedures whose audit log is their history, e.g. annual
reports, or whose step left no date on the object)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from sunshine.core.models import AuditEntry


def newest_entry(model: type[models.Model], actions: Iterable[str], field: str = "at") -> Subquery:
    """``field`` of the newest audit entry among ``actions`` of the outer row (``OuterRef("pk")``),
    to annotate a queryset of ``model`` with: one subquery, however many rows."""
    entries = AuditEntry.objects.filter(
        object_type=model._meta.label_lower,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        action__in=list(actions),
    ).order_by("-at", "-id")
    return Subquery(entries.values(field)[:1])
