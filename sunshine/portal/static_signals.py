"""Keep the static copy of the portal (``portal.static_site``) up to date: a change to public content
names the groups of pages it shows in, and once the transaction commits one task re-renders them
(``portal.tasks.refresh_static_site``). Nothing happens unless ``SUNSHINE_STATIC_SITE_DIR`` is set.

Receivers listen to saves and deletions of the models the static pages show: records and their
revisions, agencies and their catalogues, bulletin issues, rankings and new-media accounts.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from sunshine.agencies.models import Agency
from sunshine.bulletins.models import Issue
from sunshine.newmedia.models import Account
from sunshine.oversight.models import Ranking
from sunshine.portal import static_site
from sunshine.records.codes import Status
from sunshine.records.models import Category, Record, Revision

_pending = threading.local()
# A revision in these states is, or was until this save, what the public sees (a draft is not).
PUBLIC_STATES = frozenset({Status.PUBLISHED, Status.WITHDRAWN, Status.SUPERSEDED})


def _groups() -> set[str]:
    if not hasattr(_pending, "groups"):
        _pending.groups = set()
    groups: set[str] = _pending.groups
    return groups


def flush() -> None:
    """Enqueue one refresh of the groups changed since the last one (several commits' worth when a
    transaction rolled back: re-rendering a page that did not change rewrites nothing)."""
    from sunshine.portal.tasks import refresh_static_site

    groups = _groups()
    if groups:
        names = sorted(groups)
        groups.clear()
        refresh_static_site.enqueue(names)


def schedule(groups: set[str]) -> None:
    if static_site.configured_dir() is None or not groups:
        return
    _groups().update(groups)
    transaction.on_commit(flush)


def _record_changed(record: Record) -> None:
    if record.index_number is not None:  # never published: not on the portal
        schedule(static_site.groups_of_record(record))


def revision_saved(sender: type[Model], instance: Revision, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.status in PUBLIC_STATES and static_site.configured_dir() is not None:
        _record_changed(instance.record)


def record_saved(sender: type[Model], instance: Record, raw: bool = False, **kwargs: Any) -> None:
    if not raw and static_site.configured_dir() is not None:
        _record_changed(instance)


def agency_changed(sender: type[Model], instance: Agency, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        schedule({f"agency:{instance.code}", static_site.PORTAL, static_site.SITEMAPS})


def category_changed(sender: type[Model], instance: Category, raw: bool = False, **kwargs: Any) -> None:
    if not raw and static_site.configured_dir() is not None:
        schedule({f"agency:{instance.agency.code}", static_site.SITEMAPS})


def section_changed(group: str) -> Any:
    def receiver(sender: type[Model], raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            schedule({group})

    return receiver


_SECTIONS = {Issue: "bulletins", Ranking: "rankings", Account: "newmedia"}
_section_receivers = {model: section_changed(group) for model, group in _SECTIONS.items()}


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(revision_saved, sender=Revision, dispatch_uid=f"static.revision.{signal}")
        signal.connect(record_saved, sender=Record, dispatch_uid=f"static.record.{signal}")
        signal.connect(agency_changed, sender=Agency, dispatch_uid=f"static.agency.{signal}")
        signal.connect(category_changed, sender=Category, dispatch_uid=f"static.category.{signal}")
        for model, receiver in _section_receivers.items():
            signal.connect(receiver, sender=model, dispatch_uid=f"static.{model.__name__}.{signal}")
