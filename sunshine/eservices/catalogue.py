"""The public catalogue of service guides: filters by agency, kind, life event and words, shared by
the portal page (/services/) and the API (GET /api/v1/services)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import public_agencies
from sunshine.core.workflow import invalid
from sunshine.eservices.codes import Kind, LifeEvent
from sunshine.eservices.models import Version
from sunshine.eservices.selectors import public_versions

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class Found:
    count: int
    page: int
    page_size: int
    pages: int
    results: list[Version]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def filtered(values: Mapping[str, Any]) -> QuerySet[Version]:
    """The published guides matching ``agency`` (a code: that agency only), ``kind``, ``event`` and
    ``q`` (words in the name or the code); WorkflowError 422 naming each filter in error."""
    errors: dict[str, str] = {}
    rows = public_versions()
    agency = str(values.get("agency") or "").strip()
    if agency:
        if not public_agencies().filter(code=agency).exists():
            errors["agency"] = _("No agency has this code.")
        rows = rows.filter(item__agency__code=agency)
    kind = str(values.get("kind") or "").strip()
    if kind:
        if kind not in Kind.values:
            errors["kind"] = _("Choose a kind from the list.")
        rows = rows.filter(kind=kind)
    event = str(values.get("event") or "").strip()
    if event:
        if event not in LifeEvent.values:
            errors["event"] = _("Choose a life event from the list.")
        rows = rows.filter(events__event=event)
    q = " ".join(str(values.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _("The search text is too long: at most %(limit)d characters.") % {
            "limit": MAX_QUERY_LENGTH
        }
    for word in q.split():
        rows = rows.filter(Q(name__icontains=word) | Q(item__code__iexact=word))
    if errors:
        raise invalid(errors)
    return rows.order_by("item__agency__path", "name", "item__code")


def find(values: Mapping[str, Any], *, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE) -> Found:
    rows = filtered(values).prefetch_related("events")
    paginator = Paginator(rows, page_size)
    number = min(max(page, 1), max(paginator.num_pages, 1))
    current = paginator.page(number)
    return Found(paginator.count, number, page_size, paginator.num_pages, list(current.object_list))
