"""The daily reminder sweep: one e-mail per officer listing their requests that are due soon or overdue.

``plan_reminders`` reads every open request once, in chunks, as plain values (no model instances,
no query per request), computes its clock state from the stored due date with one calendar
(``inforequests.clock``), and groups the due-soon and overdue ones by who must hear of them: the assigned
officer, or, for requests nobody is assigned to, the information officers of the agency. Letters
come into the same digests (``letters.reminders``): their due-soon and overdue ones for the agency's
information officers, those past their supervision date for the supervisors and disclosure office.

``sweep`` sends those digests. It is idempotent per day: a ``ReminderDigest`` row claims the
(recipient, date) pair before the e-mail goes out, so a second run the same day sends nothing new
(and a run that crashes between claim and e-mail does not send twice: at most one e-mail a day).
Run by ``manage.py send_request_reminders`` (cron, daily) or the task in ``inforequests.tasks``.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models.functions import Substr
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.agencies.models import Membership, Role
from sunshine.core import audit
from sunshine.inforequests.clock import Thresholds, current_thresholds, remaining_working_days, state_of
from sunshine.inforequests.codes import OPEN_STATUSES
from sunshine.inforequests.models import InfoRequest, ReminderDigest, ReminderSweep
from sunshine.letters.clock import Thresholds as LetterThresholds
from sunshine.letters.reminders import DueLetter, LetterPlan, letter_link, plan_letters
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, WorkCalendar

logger = logging.getLogger(__name__)

CHUNK_SIZE = 5000
IN_LIST_SIZE = 1000  # ids per "IN (...)" query, well below SQLite's limit on parameters
REMINDED_STATES = ("overdue", "due_soon")
STAFF_REQUEST_PATH = "/staff/requests/{id}/"


@dataclass(frozen=True)
class DueRequest:
    """One line of a digest."""

    id: int
    tracking_code: str
    title: str
    agency_id: int
    due_date: datetime.date
    remaining_working_days: int | None
    state: str  # "overdue" or "due_soon"


@dataclass
class Digest:
    recipient_id: int
    email: str
    name: str
    requests: list[DueRequest] = field(default_factory=list)
    # Letters of the person's agencies due soon or overdue, and letters past their supervision date
    # (``letters.reminders``): the same e-mail, so a person gets one reminder a day.
    letters: list[DueLetter] = field(default_factory=list)
    supervised: list[DueLetter] = field(default_factory=list)

    @property
    def overdue(self) -> list[DueRequest]:
        return [r for r in self.requests if r.state == "overdue"]

    @property
    def due_soon(self) -> list[DueRequest]:
        return [r for r in self.requests if r.state == "due_soon"]


@dataclass
class ReminderPlan:
    today: datetime.date
    examined: int = 0
    due_soon: int = 0
    overdue: int = 0
    digests: list[Digest] = field(default_factory=list)
    # Due-soon or overdue requests that reach nobody: no reachable assigned officer and no
    # information officer with an e-mail address in the agency.
    unrouted: list[DueRequest] = field(default_factory=list)
    letters: LetterPlan = field(default_factory=LetterPlan)


@dataclass
class SweepResult:
    plan: ReminderPlan
    dry_run: bool
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    seconds: float = 0.0
    skipped_reason: str = ""

    def summary(self) -> dict[str, Any]:
        return {
            "date": self.plan.today.isoformat(),
            "dry_run": self.dry_run,
            "examined": self.plan.examined,
            "due_soon": self.plan.due_soon,
            "overdue": self.plan.overdue,
            "recipients": len(self.plan.digests),
            "unrouted": len(self.plan.unrouted),
            "letters": {
                "examined": self.plan.letters.examined,
                "due_soon": self.plan.letters.due_soon,
                "overdue": self.plan.letters.overdue,
                "supervision_overdue": self.plan.letters.supervision_overdue,
                "unrouted": len(self.plan.letters.unrouted),
            },
            "sent": self.sent,
            "already_sent": self.already_sent,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            **({"skipped": self.skipped_reason} if self.skipped_reason else {}),
        }


# --- Reading: clock states -----------------------------------------------------------------------

OpenRow = tuple[int, str, str, str, str, int, int | None, datetime.date | None]


def open_rows(chunk_size: int = CHUNK_SIZE) -> Iterator[OpenRow]:
    """(id, status, tracking code, title, start of description, agency id, assigned officer id,
    due date) of every open request, streamed in chunks."""
    return (
        InfoRequest.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .annotate(short_description=Substr("description", 1, 60))
        .values_list(
            "id",
            "status",
            "tracking_code",
            "title",
            "short_description",
            "agency_id",
            "assigned_to_id",
            "due_date",
        )
        .iterator(chunk_size=chunk_size)
    )


def due_requests(
    rows: Iterable[OpenRow], limits: Thresholds, calendar: WorkCalendar, counts: dict[str, int]
) -> Iterator[tuple[DueRequest, int | None]]:
    """The due-soon and overdue requests among ``rows``, with their assigned officer's id.

    ``counts`` is filled with the number of rows seen per clock state (and ``"examined"``).
    """
    for pk, status, code, title, short_description, agency_id, assigned_id, due in rows:
        state = state_of(status, due, limits)
        counts[state] = counts.get(state, 0) + 1
        counts["examined"] = counts.get("examined", 0) + 1
        if state not in REMINDED_STATES:
            continue
        assert due is not None  # due-soon and overdue states need a due date
        yield (
            DueRequest(
                id=pk,
                tracking_code=code,
                title=title or short_description,
                agency_id=agency_id,
                due_date=due,
                remaining_working_days=remaining_working_days(due, limits.today, calendar),
                state=state,
            ),
            assigned_id,
        )


def _chunks(ids: Iterable[int], size: int = IN_LIST_SIZE) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _people(ids: set[int]) -> dict[int, tuple[str, str]]:
    """Active people with an e-mail address among ``ids``: id -> (e-mail, name)."""
    people: dict[int, tuple[str, str]] = {}
    user_model = get_user_model()
    for batch in _chunks(sorted(ids)):
        rows = (
            user_model.objects.filter(pk__in=batch, is_active=True)
            .exclude(email="")
            .values_list("pk", "email", "username", "last_name", "first_name")
        )
        for pk, email, username, last_name, first_name in rows:
            people[pk] = (email, f"{last_name}{first_name}".strip() or username)
    return people


def _officers_of(agency_ids: set[int]) -> dict[int, list[int]]:
    """Information officers (Membership role "officer") of each agency: agency id -> person ids."""
    officers: dict[int, list[int]] = defaultdict(list)
    for batch in _chunks(sorted(agency_ids)):
        rows = (
            Membership.objects.filter(agency_id__in=batch, role=Role.OFFICER, user__is_active=True)
            .order_by("agency_id", "user_id")
            .values_list("agency_id", "user_id")
        )
        for agency_id, user_id in rows:
            officers[agency_id].append(user_id)
    return officers


def plan_reminders(
    today: datetime.date | None = None,
    *,
    calendar: WorkCalendar | None = None,
    due_soon: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> ReminderPlan:
    """Who gets which requests today. Reads only; a handful of queries whatever the number of requests."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    limits = current_thresholds(today, calendar, due_soon=due_soon)
    counts: dict[str, int] = {}
    assigned: list[tuple[DueRequest, int]] = []
    unassigned: list[DueRequest] = []
    for item, assigned_id in due_requests(open_rows(chunk_size), limits, calendar, counts):
        if assigned_id is None:
            unassigned.append(item)
        else:
            assigned.append((item, assigned_id))

    people = _people({officer for _, officer in assigned})
    # Requests whose assigned officer cannot be reached go to the agency's officers, like unassigned ones.
    to_agency = unassigned + [item for item, officer in assigned if officer not in people]
    officers = _officers_of({item.agency_id for item in to_agency})
    people.update(_people({pk for ids in officers.values() for pk in ids} - set(people)))

    letters = plan_letters(LetterThresholds(today, limits.due_soon_until), calendar, chunk_size=chunk_size)
    people.update(_people(letters.recipients() - set(people)))

    by_recipient: dict[int, list[DueRequest]] = defaultdict(list)
    plan = ReminderPlan(
        today=today,
        examined=counts.get("examined", 0),
        due_soon=counts.get("due_soon", 0),
        overdue=counts.get("overdue", 0),
        letters=letters,
    )
    for item, officer in assigned:
        if officer in people:
            by_recipient[officer].append(item)
    for item in to_agency:
        reachable = [pk for pk in officers.get(item.agency_id, []) if pk in people]
        if not reachable:
            plan.unrouted.append(item)
        for pk in reachable:
            by_recipient[pk].append(item)
    for pk in sorted((set(by_recipient) | letters.recipients()) & set(people)):
        email, name = people[pk]
        items = sorted(by_recipient.get(pk, []), key=lambda r: (r.state != "overdue", r.due_date, r.id))
        plan.digests.append(
            Digest(
                recipient_id=pk,
                email=email,
                name=name,
                requests=items,
                letters=sorted(
                    letters.due.get(pk, []), key=lambda r: (r.state != "overdue", r.due_date, r.id)
                ),
                supervised=sorted(letters.supervised.get(pk, []), key=lambda r: (r.supervision_due_on, r.id)),
            )
        )
    return plan


# --- Writing: the e-mails ---------------------------------------------------------------------------


def request_link(request_id: int, base_url: str = "") -> str:
    return base_url.rstrip("/") + STAFF_REQUEST_PATH.format(id=request_id)


def _line(item: DueRequest, base_url: str) -> str:
    days = item.remaining_working_days
    if days is None:
        when = _("due %(date)s") % {"date": item.due_date.isoformat()}
    elif item.state == "overdue":
        when = _("due %(date)s, working days overdue: %(days)s") % {
            "date": item.due_date.isoformat(),
            "days": -days,
        }
    else:
        when = _("due %(date)s, working days left: %(days)s") % {
            "date": item.due_date.isoformat(),
            "days": days,
        }
    return f"- {item.tracking_code}  {item.title}\n  {when}\n  {request_link(item.id, base_url)}"


def _letter_line(item: DueLetter, base_url: str) -> str:
    if item.state == "supervision_overdue":
        when = _("answer expected by %(date)s (supervision)") % {"date": _day(item.supervision_due_on)}
    elif item.remaining_working_days is None:
        when = _("due %(date)s") % {"date": _day(item.due_date)}
    elif item.state == "overdue":
        when = _("due %(date)s, working days overdue: %(days)s") % {
            "date": _day(item.due_date),
            "days": -item.remaining_working_days,
        }
    else:
        when = _("due %(date)s, working days left: %(days)s") % {
            "date": _day(item.due_date),
            "days": item.remaining_working_days,
        }
    return f"- {item.tracking_code}  {item.subject}\n  {when}\n  {letter_link(item.id, base_url)}"


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _letter_parts(digest: Digest, base_url: str) -> list[str]:
    parts: list[str] = []
    overdue = [item for item in digest.letters if item.state == "overdue"]
    due_soon = [item for item in digest.letters if item.state == "due_soon"]
    for title, items in (
        (_("Letters overdue"), overdue),
        (_("Letters due soon"), due_soon),
        (_("Letters past the day set by supervision (督办)"), digest.supervised),
    ):
        if items:
            parts += ["", f"{title} ({len(items)})", *(_letter_line(item, base_url) for item in items)]
    return parts


def digest_message(digest: Digest, today: datetime.date, base_url: str = "") -> tuple[str, str]:
    """Subject and plain-text body of a digest, in the site's language."""
    if digest.letters or digest.supervised:
        return _digest_with_letters(digest, today, base_url)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(site)s: %(overdue)s overdue, %(due_soon)s due soon (requests for information)") % {
            "site": settings.SITE_NAME,
            "overdue": len(digest.overdue),
            "due_soon": len(digest.due_soon),
        }
        parts = [
            _("Hello %(name)s,") % {"name": digest.name},
            "",
            _("These requests for information need a reply soon (as of %(date)s):")
            % {"date": today.isoformat()},
        ]
        for title, items in ((_("Overdue"), digest.overdue), (_("Due soon"), digest.due_soon)):
            if items:
                parts += ["", f"{title} ({len(items)})", *(_line(item, base_url) for item in items)]
        parts += [
            "",
            _(
                "You receive this e-mail at most once a working day, while requests assigned to you "
                "or to your agency are due soon or overdue."
            ),
        ]
    return subject, "\n".join(parts) + "\n"


def _digest_with_letters(digest: Digest, today: datetime.date, base_url: str) -> tuple[str, str]:
    """A digest that lists letters (and requests, if any), in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        letters_overdue = sum(1 for item in digest.letters if item.state == "overdue")
        subject = _("%(site)s: %(overdue)s overdue, %(due_soon)s due soon (requests and letters)") % {
            "site": settings.SITE_NAME,
            "overdue": len(digest.overdue) + letters_overdue,
            "due_soon": len(digest.due_soon) + len(digest.letters) - letters_overdue,
        }
        parts = [
            _("Hello %(name)s,") % {"name": digest.name},
            "",
            _("These requests for information and letters need your attention (as of %(date)s):")
            % {"date": today.isoformat()},
        ]
        for title, items in (
            (_("Requests overdue"), digest.overdue),
            (_("Requests due soon"), digest.due_soon),
        ):
            if items:
                parts += ["", f"{title} ({len(items)})", *(_line(item, base_url) for item in items)]
        parts += _letter_parts(digest, base_url)
        parts += [
            "",
            _(
                "You receive this e-mail at most once a working day, while requests or letters of your "
                "agencies are due soon or overdue, or supervised letters are past their day."
            ),
        ]
    return subject, "\n".join(parts) + "\n"


def _send(digest: Digest, today: datetime.date, base_url: str, connection: Any) -> bool:
    """Claim (recipient, today), send, mark sent. False when it was claimed already."""
    try:
        with transaction.atomic():
            claim = ReminderDigest.objects.create(
                recipient_id=digest.recipient_id,
                date=today,
                count=len(digest.requests) + len(digest.letters) + len(digest.supervised),
            )
    except IntegrityError:
        return False
    subject, body = digest_message(digest, today, base_url)
    try:
        EmailMessage(subject, body, to=[digest.email], connection=connection).send()
    except Exception:
        claim.delete()  # let the next run try again
        raise
    claim.sent_at = timezone.now()
    claim.save(update_fields=["sent_at"])
    return True


def sweep(
    *,
    today: datetime.date | None = None,
    dry_run: bool = False,
    base_url: str | None = None,
    working_days_only: bool = True,
) -> SweepResult:
    """Send today's digests (see the module's docstring). With ``dry_run``, only plan."""
    began = time.perf_counter()
    today = today or timezone.localdate()
    base_url = settings.SUNSHINE_SITE_URL if base_url is None else base_url
    calendar = current_calendar()
    if working_days_only:
        try:
            if not calendar.is_workday(today):
                result = SweepResult(plan=ReminderPlan(today=today), dry_run=dry_run)
                result.skipped_reason = "not a working day"
                result.seconds = time.perf_counter() - began
                return result
        except CalendarNotPublished:
            logger.warning("reminders: the calendar of %s is not published; sending anyway", today.year)
    plan = plan_reminders(today, calendar=calendar)
    result = SweepResult(plan=plan, dry_run=dry_run)
    if dry_run:
        result.seconds = time.perf_counter() - began
        return result
    already = set(ReminderDigest.objects.filter(date=today).values_list("recipient_id", flat=True))
    connection = get_connection()
    with connection:
        for digest in plan.digests:
            if digest.recipient_id in already:
                result.already_sent += 1
                continue
            try:
                if _send(digest, today, base_url, connection):
                    result.sent += 1
                else:
                    result.already_sent += 1
            except Exception:
                logger.exception("reminders: sending to person %s failed", digest.recipient_id)
                result.failed += 1
    result.seconds = time.perf_counter() - began
    with transaction.atomic():
        run = ReminderSweep.objects.create(
            date=today,
            examined=plan.examined,
            due_soon=plan.due_soon,
            overdue=plan.overdue,
            sent=result.sent,
            seconds=round(result.seconds, 3),
        )
        audit.record(actor=None, action="inforequest.reminders", obj=run, after=result.summary())
    return result
