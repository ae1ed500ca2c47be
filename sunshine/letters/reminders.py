"""Letters in the daily reminder sweep (``inforequests.reminders``, docs/operations.md#reminders).

``plan_letters`` reads every open letter once, in chunks, as plain values, and finds:

- the letters due soon or overdue (their clock state from the stored due date, ``clock.state_of``),
  for the information officers of the agency that handles each;
- the letters under supervision (督办) whose supervision date has passed, for the supervisors and the
  disclosure office of the handling agency or of an agency above it (the roles that may supervise).

The sweep puts these lines in the same daily digest as the requests, so a person gets at most one
reminder e-mail a day (``ReminderDigest``), whatever they are reminded of.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models.functions import Substr

from sunshine.agencies.models import Agency, Membership, Role
from sunshine.inforequests.clock import remaining_working_days
from sunshine.letters.clock import Thresholds, state_of
from sunshine.letters.codes import OPEN_STATUSES
from sunshine.letters.models import Letter
from sunshine.letters.roles import SUPERVISING_ROLES
from sunshine.workdays.clock import WorkCalendar

CHUNK_SIZE = 5000
IN_LIST_SIZE = 1000
REMINDED_STATES = ("overdue", "due_soon")
STAFF_LETTER_PATH = "/staff/letters/{id}/"
# Who hears of a letter due soon or overdue: the information officers of the handling agency.
OFFICER_ROLES = frozenset({Role.OFFICER})


@dataclass(frozen=True)
class DueLetter:
    """One line of a digest: ``state`` is ``overdue``, ``due_soon`` or ``supervision_overdue``."""

    id: int
    tracking_code: str
    subject: str
    agency_id: int
    state: str
    due_date: datetime.date | None
    remaining_working_days: int | None = None
    supervision_due_on: datetime.date | None = None


@dataclass
class LetterPlan:
    examined: int = 0
    due_soon: int = 0
    overdue: int = 0
    supervision_overdue: int = 0
    # person id -> lines, for officers (due soon, overdue) and for supervisors (past supervision date)
    due: dict[int, list[DueLetter]] = field(default_factory=lambda: defaultdict(list))
    supervised: dict[int, list[DueLetter]] = field(default_factory=lambda: defaultdict(list))
    # Lines that reach nobody: no information officer (or no supervisor) in the agencies concerned.
    unrouted: list[DueLetter] = field(default_factory=list)

    def recipients(self) -> set[int]:
        return set(self.due) | set(self.supervised)


OpenRow = tuple[int, str, str, str, int, datetime.date | None, datetime.date | None]


def open_rows(chunk_size: int = CHUNK_SIZE) -> Iterator[OpenRow]:
    """(id, status, tracking code, start of subject, agency id, due date, supervision date) of every
    open letter, streamed in chunks."""
    return (
        Letter.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .annotate(short_subject=Substr("subject", 1, 60))
        .values_list(
            "id", "status", "tracking_code", "short_subject", "agency_id", "due_date", "supervision_due_on"
        )
        .iterator(chunk_size=chunk_size)
    )


def _chunks(ids: Iterable[int], size: int = IN_LIST_SIZE) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _holders(agency_ids: set[int], roles: frozenset[str]) -> dict[int, set[int]]:
    """Active holders of ``roles`` with an e-mail address in each agency: agency id -> person ids."""
    held: dict[int, set[int]] = defaultdict(set)
    for batch in _chunks(agency_ids):
        rows = (
            Membership.objects.filter(agency_id__in=batch, role__in=roles, user__is_active=True)
            .exclude(user__email="")
            .values_list("agency_id", "user_id")
        )
        for agency_id, user_id in rows:
            held[agency_id].add(user_id)
    return held


def _ancestors(agency_ids: set[int]) -> dict[int, list[int]]:
    """Each agency and every agency above it (from the materialised path)."""
    found: dict[int, list[int]] = {}
    for batch in _chunks(agency_ids):
        for pk, path in Agency.objects.filter(pk__in=batch).values_list("pk", "path"):
            found[pk] = [int(part) for part in (path or "").strip("/").split("/") if part.isdigit()] or [pk]
    return found


def plan_letters(limits: Thresholds, calendar: WorkCalendar, *, chunk_size: int = CHUNK_SIZE) -> LetterPlan:
    """Who hears of which letters today. Reads only; a handful of queries whatever the number of
    letters."""
    today = limits.today
    plan = LetterPlan()
    due: list[DueLetter] = []
    supervised: list[DueLetter] = []
    for pk, status, code, subject, agency_id, due_date, supervision_due_on in open_rows(chunk_size):
        plan.examined += 1
        state = state_of(status, due_date, limits)
        if state in REMINDED_STATES:
            assert due_date is not None  # due-soon and overdue states need a due date
            setattr(plan, state, getattr(plan, state) + 1)
            due.append(
                DueLetter(
                    pk,
                    code,
                    subject,
                    agency_id,
                    state,
                    due_date,
                    remaining_working_days(due_date, today, calendar),
                )
            )
        if supervision_due_on is not None and supervision_due_on < today:
            plan.supervision_overdue += 1
            supervised.append(
                DueLetter(
                    pk, code, subject, agency_id, "supervision_overdue", due_date, None, supervision_due_on
                )
            )

    officers = _holders({item.agency_id for item in due}, OFFICER_ROLES)
    for item in due:
        for person in officers.get(item.agency_id, set()):
            plan.due[person].append(item)
        if not officers.get(item.agency_id):
            plan.unrouted.append(item)

    chains = _ancestors({item.agency_id for item in supervised})
    supervisors = _holders({pk for chain in chains.values() for pk in chain}, SUPERVISING_ROLES)
    for item in supervised:
        people = {
            p for pk in chains.get(item.agency_id, [item.agency_id]) for p in supervisors.get(pk, set())
        }
        for person in people:
            plan.supervised[person].append(item)
        if not people:
            plan.unrouted.append(item)
    return plan


def letter_link(letter_id: int, base_url: str = "") -> str:
    return base_url.rstrip("/") + STAFF_LETTER_PATH.format(id=letter_id)
