"""Publication now or at a set time (the index number at the first), the sweep of scheduled
publications and withdrawal, each a step of the workflow kernel (``actions.WORKFLOW``); validity."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit, public_cache
from sunshine.records import indexing
from sunshine.records.actions import VALIDITY_ROLES, WORKFLOW
from sunshine.records.codes import ENDED_VALIDITY, Status, Validity
from sunshine.records.models import Record, Revision
from sunshine.records.selectors import may_act
from sunshine.records.services.base import AnyUser, RecordError, _invalid, _lock, _now

# --- Publication ------------------------------------------------------------------------------


def publish(
    *,
    revision: Revision,
    by: AnyUser | None,
    at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    backdate: datetime.datetime | None = None,
) -> Revision:
    """Publish a signed-off revision now, or schedule it for ``at`` (a time in the future).

    ``backdate`` is for the system only (records published before the platform, demo data): the
    publication is recorded at that past time.
    """
    now = now or _now()
    if at is not None and at > now:
        return WORKFLOW.perform(revision, "schedule", by=by, input={"at": at}, now=now)
    return WORKFLOW.perform(revision, "publish", by=by, input={"backdate": backdate}, now=now)


def unschedule(*, revision: Revision, by: AnyUser | None) -> Revision:
    return WORKFLOW.perform(revision, "unschedule", by=by)


def publish_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Publish every scheduled revision whose time has come (each in its own transaction); those
    that cannot be published stay scheduled and are counted as failed. Idempotent."""
    now = now or _now()
    due = list(
        Revision.objects.filter(status=Status.SCHEDULED, publish_at__lte=now)
        .order_by("publish_at", "pk")
        .values_list("pk", flat=True)
    )
    published = failed = 0
    for pk in due:
        try:
            with transaction.atomic():
                revision = _lock(Revision(pk=pk))
                if revision.status != Status.SCHEDULED or revision.publish_at is None:
                    continue
                WORKFLOW.perform(revision, "publish_due", by=None)
            published += 1
        except RecordError:
            failed += 1
    return {"due": len(due), "published": published, "failed": failed}


def withdraw(*, revision: Revision, by: AnyUser | None, reason: str) -> Revision:
    """Take a published record off the public pages; its index number stays taken."""
    return WORKFLOW.perform(revision, "withdraw", by=by, input={"reason": reason})


@transaction.atomic
def change_validity(
    *,
    record: Record,
    by: AnyUser | None,
    validity: str,
    on: datetime.date | None = None,
    replaced_by: Record | None = None,
) -> Record:
    """有效性: in force, expired, repealed, or revised (with the record that replaces it)."""
    if by is not None and not may_act(by, record.agency, VALIDITY_ROLES):
        raise WORKFLOW.forbidden()
    record = Record.objects.select_for_update().get(pk=record.pk)
    errors: dict[str, str] = {}
    if record.index_number is None:
        raise RecordError(409, "not_published", _("Only a published record has a validity to change."))
    if validity not in Validity.values:
        errors["validity"] = _("Choose the validity.")
    elif validity in ENDED_VALIDITY and on is None:
        errors["on"] = _("Give the date from which it applies.")
    elif on is not None and on > timezone.localdate():
        errors["on"] = _("The date cannot be in the future.")
    if validity == Validity.REVISED:
        if replaced_by is None or replaced_by.index_number is None:
            errors["replaced_by"] = _("Give the index number of the published record that replaces it.")
        elif replaced_by.pk == record.pk:
            errors["replaced_by"] = _("A record cannot replace itself.")
    if errors:
        raise _invalid(errors)
    before = audit.snapshot(record, ("validity", "validity_changed_on", "replaced_by"))
    record.validity = validity
    record.validity_changed_on = on if validity != Validity.VALID else None
    record.replaced_by = replaced_by if validity == Validity.REVISED else None
    record.save(update_fields=["validity", "validity_changed_on", "replaced_by"])
    audit.record(
        actor=by,
        action="record.validity",
        obj=record,
        before=before,
        after=audit.snapshot(record, ("validity", "validity_changed_on", "replaced_by")),
        agency=record.agency,
    )
    indexing.sync_record(record.pk)  # the validity filter of the search
    public_cache.bump()  # cached public pages show the change at once
    return record
