"""Publication now or at a set time (the index number at the first), the sweep of scheduled
publications, withdrawal, and validity."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit, public_cache
from sunshine.records import index_numbers, indexing
from sunshine.records.codes import ENDED_VALIDITY, EventKind, Status, Validity
from sunshine.records.models import Record, Revision
from sunshine.records.selectors import may_act
from sunshine.records.services.base import (
    MAX_REASON,
    MAX_SCHEDULE_DAYS,
    AnyUser,
    RecordError,
    _audit,
    _check,
    _event,
    _invalid,
    _lock,
    _now,
    _scan_gate,
    _snapshot,
)
from sunshine.records.transitions import VALIDITY_ROLES

# --- Publication ------------------------------------------------------------------------------


def _check_interpreted(revision: Revision) -> None:
    if revision.interprets_id is None:
        return
    if not Revision.objects.filter(record_id=revision.interprets_id, status=Status.PUBLISHED).exists():
        raise RecordError(
            409,
            "interpreted_not_published",
            _("The policy document this interprets is not published: publish it first."),
            {"interprets": _("The policy document this interprets is not published: publish it first.")},
        )


def _publish_now(revision: Revision, by: AnyUser | None, action: str, when: datetime.datetime) -> Revision:
    _scan_gate(revision, action)
    _check_interpreted(revision)
    record = Record.objects.select_for_update().select_related("agency").get(pk=revision.record_id)
    before = _snapshot(revision)
    for previous in Revision.objects.select_for_update().filter(record=record, status=Status.PUBLISHED):
        _check(previous, "supersede", None)
        old = _snapshot(previous)
        previous.status = Status.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        _event(previous, EventKind.SUPERSEDE, by, at=when, by_revision=revision.number)
        _audit(by, "supersede", previous, old)
    if record.index_number is None:
        record.index_number = index_numbers.allocate(record.agency, timezone.localtime(when).year)
        record.first_published_at = when
        record.save(update_fields=["index_number", "first_published_at"])
    revision.record = record
    revision.status = Status.PUBLISHED
    revision.published_at = when
    revision.save(update_fields=["status", "published_at", "updated_at"])
    _event(revision, EventKind.PUBLISH, by, at=when, index_number=record.index_number)
    _audit(by, "publish", revision, before, index_number=record.index_number)
    indexing.sync_record(record.pk)  # the new text replaces the superseded one, in this transaction
    public_cache.bump()  # cached public pages show the change at once
    return revision


@transaction.atomic
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
    revision = _lock(revision)
    if at is not None and at > now:
        _check(revision, "schedule", by)
        if at > now + datetime.timedelta(days=MAX_SCHEDULE_DAYS):
            raise _invalid({"at": _("Schedule the publication within a year.")})
        _scan_gate(revision, "schedule")
        _check_interpreted_or_scheduled(revision, at)
        before = _snapshot(revision)
        revision.status = Status.SCHEDULED
        revision.publish_at = at
        revision.save(update_fields=["status", "publish_at", "updated_at"])
        _event(revision, EventKind.SCHEDULE, by, publish_at=at)
        _audit(by, "schedule", revision, before)
        return revision
    _check(revision, "publish", by)
    if backdate is not None and by is not None:
        raise PermissionDenied
    return _publish_now(revision, by, "publish", backdate or now)


def _check_interpreted_or_scheduled(revision: Revision, at: datetime.datetime) -> None:
    """An interpretation may be scheduled with its policy document, not before it."""
    if revision.interprets_id is None:
        return
    ready = Revision.objects.filter(record_id=revision.interprets_id).filter(
        status__in=[Status.PUBLISHED, Status.SCHEDULED]
    )
    if not any(r.status == Status.PUBLISHED or (r.publish_at and r.publish_at <= at) for r in ready):
        _check_interpreted(revision)


@transaction.atomic
def unschedule(*, revision: Revision, by: AnyUser | None) -> Revision:
    revision = _lock(revision)
    _check(revision, "unschedule", by)
    before = _snapshot(revision)
    revision.status = Status.SIGNED
    revision.publish_at = None
    revision.save(update_fields=["status", "publish_at", "updated_at"])
    _event(revision, EventKind.UNSCHEDULE, by)
    _audit(by, "unschedule", revision, before)
    return revision


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
                _check(revision, "publish_due", None)
                _publish_now(revision, None, "publish_due", revision.publish_at)
            published += 1
        except RecordError:
            failed += 1
    return {"due": len(due), "published": published, "failed": failed}


@transaction.atomic
def withdraw(*, revision: Revision, by: AnyUser | None, reason: str) -> Revision:
    """Take a published record off the public pages; its index number stays taken."""
    revision = _lock(revision)
    _check(revision, "withdraw", by)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid({"reason": _("Give the reason for the withdrawal.")})
    if len(reason) > MAX_REASON:
        raise _invalid({"reason": _("Enter at most %(n)s characters.") % {"n": MAX_REASON}})
    before = _snapshot(revision)
    revision.status = Status.WITHDRAWN
    revision.withdrawn_at = _now()
    revision.withdrawal_reason = reason
    revision.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _event(revision, EventKind.WITHDRAW, by, comments=reason)
    _audit(by, "withdraw", revision, before, reason=reason)
    indexing.sync_record(revision.record_id)  # out of the index with the withdrawal, not later
    public_cache.bump()  # cached public pages show the change at once
    return revision


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
        raise PermissionDenied
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
