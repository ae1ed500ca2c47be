"""The desks (docs/workflows.md#desks): what waits for a person across records, replies and annual
reports, in one list per desk, each item with what it is, its agency, how long it has waited, its due
date and the page where the step is taken.

- review: what waits for the person's confidentiality review;
- sign-off: what waits for the person's sign-off;
- returned: the person's own drafts returned with comments.

Who sees what is decided by each domain's ``desk`` selectors, which take the acting user and read the
roles of that domain's declarations; this module only puts their rows side by side. Each domain
costs a fixed number of queries (its rows and their count), however many items wait.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import memberships_of
from sunshine.annualreports import desk as report_desk
from sunshine.annualreports.actions import roles as report_roles
from sunshine.annualreports.deadlines import report_due
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.eservices import desk as eservice_desk
from sunshine.eservices.actions import REVIEWER_ROLES as ESERVICE_REVIEWER_ROLES
from sunshine.eservices.models import Version as ServiceVersion
from sunshine.faq import desk as faq_desk
from sunshine.faq.actions import REVIEWER_ROLES as FAQ_REVIEWER_ROLES
from sunshine.faq.models import Entry
from sunshine.inforequests import clock
from sunshine.inforequests.clock import Thresholds
from sunshine.inforequests.models import ReplyDraft
from sunshine.inforequests.replies import declarations as reply_roles
from sunshine.inforequests.replies import desk as reply_desk
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.letters.models import LetterReplyDraft
from sunshine.letters.replies import desk as letter_reply_desk
from sunshine.records import desk as record_desk
from sunshine.records.actions import roles as record_roles
from sunshine.records.models import Revision
from sunshine.records.selectors import AnyUser
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, WorkCalendar

# How many items of each kind a desk page shows (the most urgent); the home page shows fewer.
PAGE_LIMIT = 200
HOME_LIMIT = 5


class Desk(StrEnum):
    REVIEW = "review"
    SIGN_OFF = "sign-off"
    RETURNED = "returned"

    @property
    def heading(self) -> Promise:
        return DESK_TITLES[self]


DESK_TITLES: dict[Desk, Promise] = {
    Desk.REVIEW: _("Waiting for your review"),
    Desk.SIGN_OFF: _("Waiting for your sign-off"),
    Desk.RETURNED: _("Returned to you for changes"),
}

# The roles that open each desk: those of the steps it lists, in any of the three domains.
DESK_ROLES: dict[Desk, frozenset[str]] = {
    Desk.REVIEW: record_roles.REVIEWER_ROLES
    | reply_roles.REVIEWER_ROLES
    | report_roles.REVIEWER_ROLES
    | FAQ_REVIEWER_ROLES
    | ESERVICE_REVIEWER_ROLES,
    Desk.SIGN_OFF: record_roles.SIGNER_ROLES | reply_roles.SIGNER_ROLES | report_roles.SIGNER_ROLES,
    Desk.RETURNED: record_roles.DRAFTER_ROLES | HANDLING_ROLES | report_roles.DRAFTER_ROLES,
}


@dataclass(frozen=True)
class Item:
    """One thing waiting on a desk, whatever its kind."""

    kind: str  # record, reply, letter_reply, annual_report, faq, eservice
    kind_label: Promise
    title: str
    detail: str  # the request's tracking code and what it asks for; a record's document number
    agency: Agency
    url: str
    waiting_since: datetime.datetime | None
    waiting_days: int | None  # working days since, not counting the day it began
    due: datetime.date | None
    due_provisional: bool
    due_state: str  # overdue, due_soon, on_time, paused, or "" without a due date
    comment: str = ""
    returned_by: str = ""

    @property
    def sort_key(self) -> tuple[bool, datetime.date, datetime.datetime]:
        """The nearest due date first (none: last), then the longest waiting."""
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return (self.due is None, self.due or datetime.date.max, self.waiting_since or far)


@dataclass(frozen=True)
class DeskList:
    desk: Desk
    items: list[Item]
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.items)


@dataclass(frozen=True)
class Clock:
    """Today, its due-soon threshold and the calendar, read once for a whole desk."""

    limits: Thresholds
    calendar: WorkCalendar

    @classmethod
    def now(cls) -> Clock:
        calendar = current_calendar()
        return cls(clock.current_thresholds(calendar=calendar), calendar)

    def waited(self, since: datetime.datetime | None) -> int | None:
        if since is None:
            return None
        try:
            return max(self.calendar.count(timezone.localdate(since), self.limits.today), 0)
        except CalendarNotPublished:
            return None

    def state(self, due: datetime.date | None) -> str:
        if due is None:
            return ""
        if due < self.limits.today:
            return "overdue"
        if self.limits.due_soon_until is not None and due <= self.limits.due_soon_until:
            return "due_soon"
        return "on_time"


def _person(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# --- Each kind as desk items ------------------------------------------------------------------


def _record(revision: Revision, desk: Desk, at: Clock) -> Item:
    record = revision.record
    url_name = "records:review" if desk == Desk.REVIEW else "records:detail"
    returned = (getattr(revision, "returns", None) or [None])[0]
    return Item(
        kind="record",
        kind_label=_("Record"),
        title=revision.title,
        detail=revision.document_number,
        agency=record.agency,
        url=reverse(url_name, args=[record.pk]),
        waiting_since=revision.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(revision.waiting_since),  # type: ignore[attr-defined]
        due=revision.due_on,
        due_provisional=revision.due_on_provisional,
        due_state=at.state(revision.due_on),
        comment=returned.comments if returned is not None else "",
        returned_by=_person(returned.by) if returned is not None else "",
    )


def _reply(draft: ReplyDraft, desk: Desk, at: Clock) -> Item:
    request = draft.request
    asked = request.title or request.description
    return Item(
        kind="reply",
        kind_label=_("Reply"),
        title=Truncator(asked).chars(80),
        detail=request.tracking_code,
        agency=request.agency,
        url=reverse("backoffice:request_detail", args=[request.pk]) + "#reply",
        waiting_since=draft.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(draft.waiting_since),  # type: ignore[attr-defined]
        due=request.due_date,
        due_provisional=request.due_date_provisional,
        due_state=clock.state_of(request.status, request.due_date, at.limits) if request.due_date else "",
        comment=draft.return_comment if desk == Desk.RETURNED else "",
        returned_by=_person(draft.returned_by) if desk == Desk.RETURNED else "",
    )


def _letter_reply(draft: LetterReplyDraft, desk: Desk, at: Clock) -> Item:
    letter = draft.letter
    return Item(
        kind="letter_reply",
        kind_label=_("Reply to a letter"),
        title=Truncator(letter.subject).chars(80),
        detail=letter.tracking_code,
        agency=letter.agency,
        url=reverse("letters_staff:detail", args=[letter.pk]) + "#reply",
        waiting_since=draft.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(draft.waiting_since),  # type: ignore[attr-defined]
        due=letter.due_date,
        due_provisional=letter.due_date_provisional,
        due_state=at.state(letter.due_date),
        comment=draft.return_comment if desk == Desk.RETURNED else "",
        returned_by=_person(draft.returned_by) if desk == Desk.RETURNED else "",
    )


def _faq(entry: Entry, desk: Desk, at: Clock) -> Item:
    return Item(
        kind="faq",
        kind_label=_("Common question"),
        title=Truncator(entry.question).chars(80),
        detail=entry.category,
        agency=entry.agency,
        url=reverse("faq_staff:detail", args=[entry.pk]),
        waiting_since=entry.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(entry.waiting_since),  # type: ignore[attr-defined]
        due=None,
        due_provisional=False,
        due_state="",
        comment=entry.comments if desk == Desk.RETURNED else "",
    )


def _eservice(version: ServiceVersion, desk: Desk, at: Clock) -> Item:
    item = version.item
    return Item(
        kind="eservice",
        kind_label=_("Service guide"),
        title=Truncator(version.name).chars(80),
        detail=f"{item.code} v{version.number}",
        agency=item.agency,
        url=reverse("eservices_staff:version", args=[item.code, version.number]),
        waiting_since=version.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(version.waiting_since),  # type: ignore[attr-defined]
        due=None,
        due_provisional=False,
        due_state="",
        comment=version.comments if desk == Desk.RETURNED else "",
    )


def _report(report: AnnualReportDraft, desk: Desk, at: Clock, people: dict[int, Any]) -> Item:
    due = report_due(report.agency, report.year)
    returned_by = people.get(getattr(report, "returned_by_id", None) or 0)
    return Item(
        kind="annual_report",
        kind_label=_("Annual report"),
        title=str(_("Annual report %(year)s") % {"year": report.year}),
        detail="",
        agency=report.agency,
        url=reverse("annualreports_staff:detail", args=[report.agency.code, report.year]),
        waiting_since=report.waiting_since,  # type: ignore[attr-defined]  # annotated by the selector
        waiting_days=at.waited(report.waiting_since),  # type: ignore[attr-defined]
        due=due,
        due_provisional=False,
        due_state=at.state(due),
        comment=report.review_comments if desk == Desk.RETURNED else "",
        returned_by=_person(returned_by),
    )


# --- The desks --------------------------------------------------------------------------------

Selectors = tuple[
    Callable[[AnyUser], QuerySet[Revision]],
    Callable[[AnyUser], QuerySet[ReplyDraft]],
    Callable[[AnyUser], QuerySet[AnnualReportDraft]],
]
SELECTORS: dict[Desk, Selectors] = {
    Desk.REVIEW: (
        record_desk.waiting_for_review,
        reply_desk.waiting_for_review,
        report_desk.waiting_for_review,
    ),
    Desk.SIGN_OFF: (
        record_desk.waiting_for_sign_off,
        reply_desk.waiting_for_sign_off,
        report_desk.waiting_for_sign_off,
    ),
    Desk.RETURNED: (record_desk.returned_to, reply_desk.returned_to, report_desk.returned_to),
}
# Letters' replies wait on the same desks, for the same roles (letters/replies/desk.py).
LETTER_SELECTORS: dict[Desk, Callable[[AnyUser], QuerySet[LetterReplyDraft]]] = {
    Desk.REVIEW: letter_reply_desk.waiting_for_review,
    Desk.SIGN_OFF: letter_reply_desk.waiting_for_sign_off,
    Desk.RETURNED: letter_reply_desk.returned_to,
}
# Common questions are reviewed (no sign-off) and returned to their authors (faq/desk.py).
FAQ_SELECTORS: dict[Desk, Callable[[AnyUser], QuerySet[Entry]]] = {
    Desk.REVIEW: faq_desk.waiting_for_review,
    Desk.RETURNED: faq_desk.returned_to,
}
# Service guides likewise: a version sent to review, a version returned (eservices/desk.py).
ESERVICE_SELECTORS: dict[Desk, Callable[[AnyUser], QuerySet[ServiceVersion]]] = {
    Desk.REVIEW: eservice_desk.waiting_for_review,
    Desk.RETURNED: eservice_desk.returned_to,
}


def _first(rows: QuerySet[Any], limit: int, *order: Any) -> tuple[list[Any], int]:
    """The first ``limit`` rows in ``order`` and how many there are."""
    return list(rows.order_by(*order)[:limit]), rows.count()


def desks_of(user: AnyUser) -> list[Desk]:
    """The desks the person's roles open (superusers hold every role)."""
    if not user.is_authenticated:
        return []
    if getattr(user, "is_superuser", False):
        return list(Desk)
    held = {m.role for m in memberships_of(user)}
    return [desk for desk in Desk if held & DESK_ROLES[desk]]


def desk_list(user: AnyUser, desk: Desk, *, limit: int = PAGE_LIMIT, at: Clock | None = None) -> DeskList:
    """What waits on ``desk`` for ``user``: up to ``limit`` items of each kind, the most urgent first."""
    at = at or Clock.now()
    records, replies, reports = (select(user) for select in SELECTORS[desk])
    waited = F("waiting_since").asc(nulls_last=True)
    record_rows, n_records = _first(records, limit, F("due_on").asc(nulls_last=True), waited, "pk")
    reply_rows, n_replies = _first(replies, limit, F("request__due_date").asc(nulls_last=True), waited, "pk")
    report_rows, n_reports = _first(reports, limit, "year", waited, "pk")
    letter_due = F("letter__due_date").asc(nulls_last=True)
    letter_rows, n_letters = _first(LETTER_SELECTORS[desk](user), limit, letter_due, waited, "pk")
    faq_select = FAQ_SELECTORS.get(desk)
    faq_rows, n_faq = _first(faq_select(user), limit, waited, "pk") if faq_select else ([], 0)
    guide_select = ESERVICE_SELECTORS.get(desk)
    guide_rows, n_guides = _first(guide_select(user), limit, waited, "pk") if guide_select else ([], 0)
    people = _people(getattr(r, "returned_by_id", None) for r in report_rows)
    items = [
        *(_record(r, desk, at) for r in record_rows),
        *(_reply(r, desk, at) for r in reply_rows),
        *(_report(r, desk, at, people) for r in report_rows),
        *(_letter_reply(r, desk, at) for r in letter_rows),
        *(_faq(e, desk, at) for e in faq_rows),
        *(_eservice(v, desk, at) for v in guide_rows),
    ]
    items.sort(key=lambda item: item.sort_key)
    return DeskList(desk, items[:limit], n_records + n_replies + n_reports + n_letters + n_faq + n_guides)


def _people(ids: Iterable[int | None]) -> dict[int, Any]:
    wanted = {i for i in ids if i}
    return get_user_model().objects.in_bulk(wanted) if wanted else {}


def home_desks(user: AnyUser) -> list[DeskList]:
    """The person's desks for the home page: each with its few most urgent items and its total."""
    desks = desks_of(user)
    if not desks:
        return []
    at = Clock.now()
    return [desk_list(user, desk, limit=HOME_LIMIT, at=at) for desk in desks]
