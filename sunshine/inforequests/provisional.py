"""Provisional dates of requests confirmed when a year's calendar is published.

A due date, correction period or fee period that runs into a year whose official calendar is not
published yet is computed on that year's estimate and stored as provisional
(docs/legal.md#provisional-years). When the year is published (an administrator's form or file,
``load_calendar``, or a newer calendar package through ``check_calendar``),
``confirm_provisional_dates`` recomputes every open request that has such a date, in the publishing
transaction: the new dates are stored, the history says "confirmed" or "moved from … to …", an
audit row is written, and the applicant and the assigned officer are told by e-mail after commit
where a date moved. Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.inforequests import clock, law
from sunshine.inforequests.codes import OPEN_STATUSES
from sunshine.inforequests.events import CONFIRM_DATES, snapshot
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, deadline

log = logging.getLogger(__name__)


# Stored date field → its provisional flag.
DATE_FIELDS = {
    "due_date": "due_date_provisional",
    "correction_due": "correction_due_provisional",
    "fee_due": "fee_due_provisional",
}


@dataclass(frozen=True)
class DateChange:
    field: str
    old: datetime.date | None
    new: datetime.date | None
    still_provisional: bool

    @property
    def moved(self) -> bool:
        return self.old != self.new

    def as_data(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "from": self.old.isoformat() if self.old else None,
            "to": self.new.isoformat() if self.new else None,
            "provisional": self.still_provisional,
        }


def _recomputed(request: InfoRequest) -> list[DateChange]:
    """Recompute the provisional dates of ``request`` in memory; the changes, confirmed or moved."""
    calendar = current_calendar()
    changes: list[DateChange] = []
    if request.due_date_provisional:
        old = request.due_date
        clock.recompute_due(request)
        changes.append(DateChange("due_date", old, request.due_date, request.due_date_provisional))
    period = clock.correction_period_of(request) if request.correction_due_provisional else None
    if request.correction_requested_on is not None and period is not None:
        due = deadline(request.correction_requested_on, period, calendar)
        changes.append(DateChange("correction_due", request.correction_due, due.date, due.provisional))
        request.correction_due, request.correction_due_provisional = due.date, due.provisional
    if request.fee_due_provisional and request.fee_notified_on is not None:
        due = deadline(request.fee_notified_on, law.FEE_PAYMENT_WORKING_DAYS, calendar)
        changes.append(DateChange("fee_due", request.fee_due, due.date, due.provisional))
        request.fee_due, request.fee_due_provisional = due.date, due.provisional
    # A date still resting on another unpublished year and unchanged is not news.
    return [c for c in changes if c.moved or not c.still_provisional]


def pending() -> QuerySet[InfoRequest]:
    """Open requests with at least one provisional date."""
    flags = Q()
    for flag in DATE_FIELDS.values():
        flags |= Q(**{flag: True})
    return InfoRequest.objects.filter(flags, status__in=sorted(OPEN_STATUSES))


@transaction.atomic
def confirm_provisional_dates(*, by: Any = None, today: datetime.date | None = None) -> int:
    """Confirm or move every provisional date of open requests on the calendar as it now stands.

    Returns the number of requests whose dates were confirmed or moved. Idempotent.
    """
    today = today or timezone.localdate()
    updated = 0
    # Only the requests are locked: PostgreSQL refuses FOR UPDATE on the outer join to assigned_to.
    locked = pending().select_for_update(of=("self",))
    for request in locked.select_related("agency", "assigned_to").prefetch_related("pauses").order_by("pk"):
        before = snapshot(request)
        try:
            changes = _recomputed(request)
        except CalendarNotPublished:  # a year outside what can be estimated: leave it as it is
            log.warning("Request %s: its dates cannot be recomputed.", request.tracking_code)
            continue
        if not changes:
            continue
        request.save(update_fields=[*DATE_FIELDS, *DATE_FIELDS.values(), "updated_at"])
        RequestEvent.objects.create(
            request=request,
            action=CONFIRM_DATES,
            date=today,
            by=None,
            data={"changes": [c.as_data() for c in changes]},
        )
        audit.record(
            actor=by,
            action=f"inforequest.{CONFIRM_DATES}",
            obj=request,
            before=before,
            after={**snapshot(request), "changes": [c.as_data() for c in changes]},
            agency=request.agency,
        )
        moved = [c for c in changes if c.moved]
        if moved:
            transaction.on_commit(partial(_notify_moved, request, moved))
        updated += 1
    return updated


def _field_label(field: str) -> str:
    labels = {
        "due_date": _("Reply due date"),
        "correction_due": _("Correction due date"),
        "fee_due": _("Fee payable by"),
    }
    return labels.get(field, field)


def change_lines(data: dict[str, Any]) -> list[str]:
    """The changes of a ``confirm_dates`` history entry in words, for both histories."""
    lines = []
    for change in data.get("changes") or []:
        label = _field_label(str(change.get("field", "")))
        old, new = change.get("from") or "—", change.get("to") or "—"
        if old == new:
            text = _("%(label)s confirmed: %(date)s") % {"label": label, "date": new}
        else:
            text = _("%(label)s moved from %(old)s to %(new)s") % {"label": label, "old": old, "new": new}
        if change.get("provisional"):
            text = _("%(text)s (still provisional)") % {"text": text}
        lines.append(text)
    return lines


def moved_message(request: InfoRequest, changes: list[DateChange]) -> tuple[str, str]:
    """Subject and body of the e-mail that tells a date moved; no personal data besides the code."""
    lines = [
        _("The official working-day calendar has been published, and a date of request %(code)s moved.")
        % {"code": request.tracking_code},
        "",
    ]
    for change in changes:
        lines.append(
            _("%(label)s: %(old)s → %(new)s")
            % {
                "label": _field_label(change.field),
                "old": change.old.isoformat() if change.old else "—",
                "new": change.new.isoformat() if change.new else "—",
            }
        )
    lines += ["", settings.SITE_NAME]
    subject = _("A date of your request %(code)s moved") % {"code": request.tracking_code}
    return subject, "\n".join(lines) + "\n"


def _notify_moved(request: InfoRequest, changes: list[DateChange]) -> None:
    """The applicant reads it in the language they applied in; the officer in the site's."""
    recipients = [(request.applicant_email, request.language or settings.LANGUAGE_CODE)]
    if request.assigned_to is not None:
        recipients.append((request.assigned_to.email, settings.LANGUAGE_CODE))
    for address, language in recipients:
        if not address:
            continue
        with translation.override(language):
            subject, body = moved_message(request, changes)
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # the mail server's failures come in many classes (SMTP, socket, TLS)
            log.exception("The date change of request %s could not be sent.", request.tracking_code)


def on_year_published(sender: Any, *, year: int, by: Any = None, **kwargs: Any) -> None:
    """Receiver of workdays.signals.year_published (connected in the app's ready())."""
    confirm_provisional_dates(by=by)
