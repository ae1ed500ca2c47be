"""Building the ledger (公开台账) of some agencies over a period [start, end], both days included.

Everything is read from what history keeps with its date, never from the present state alone:

- records: the revisions published in the period (a record's first publication, or a change when an
  earlier revision of it was published before) and those withdrawn in it, with the signer of the
  revision (its sign-off event) and who published or withdrew it (the publication event, or whoever
  scheduled it when the system published it at the set time). A revision's content, index number,
  ``published_at`` and ``withdrawn_at`` never change once set, so a record withdrawn later still
  reads as published in the earlier period;
- requests: those received or concluded in the period. A request concluded after the period reads as
  pending, with the due date it had at the end of the period (the state before its first later
  step, from that step's audit row);
- letters: every reply sent in the period (a reopened letter answered twice gives two rows), with
  the agency and the due date the letter had when it was answered (the reply's audit row).

No applicant's or writer's personal data: requests and letters appear by their tracking codes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.inforequests.actions import ACTIONS as REQUEST_ACTIONS
from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.codes import Status as RequestStatus
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.ledger.history import StepEvent, audit_rows_of_steps, state_value
from sunshine.letters.codes import Kind as LetterKind
from sunshine.letters.models import Letter, LetterEvent
from sunshine.records.codes import EventKind
from sunshine.records.models import Revision, RevisionEvent

# What happened to a record in the period.
PUBLISHED, CHANGED, WITHDRAWN = "published", "changed", "withdrawn"
# How a request or a letter stands against its due date.
ON_TIME, LATE, OVERDUE, PENDING, NOT_JUDGED = "on_time", "late", "overdue", "pending", "not_judged"


def event_labels() -> dict[str, str]:
    return {PUBLISHED: _("Published"), CHANGED: _("Changed"), WITHDRAWN: _("Withdrawn")}


def timeliness_labels() -> dict[str, str]:
    return {
        ON_TIME: _("On time"),
        LATE: _("Late"),
        OVERDUE: _("Overdue at the end of the period"),
        PENDING: _("Pending at the end of the period"),
        NOT_JUDGED: _("Not judged"),
    }


@dataclass(frozen=True)
class RecordRow:
    date: datetime.date
    event: str  # PUBLISHED, CHANGED or WITHDRAWN
    agency: str  # the agency's code
    index_number: str
    title: str
    document_number: str
    category: str
    signed_by: str
    by: str  # who published it (or scheduled its publication), or who withdrew it
    note: str  # what changed, or the reason for the withdrawal


@dataclass(frozen=True)
class RequestRow:
    tracking_code: str
    agency: str
    received_on: datetime.date | None
    due_date: datetime.date | None
    concluded_on: datetime.date | None  # None: still open at the end of the period
    outcome: str  # an Outcome code, "withdrawn", or "" while pending
    timeliness: str

    @property
    def on_time(self) -> bool | None:
        return {ON_TIME: True, LATE: False, OVERDUE: False}.get(self.timeliness)


@dataclass(frozen=True)
class LetterRow:
    tracking_code: str
    agency: str
    kind: str
    received_on: datetime.date
    due_date: datetime.date | None
    replied_on: datetime.date
    timeliness: str

    @property
    def on_time(self) -> bool | None:
        return {ON_TIME: True, LATE: False}.get(self.timeliness)


@dataclass(frozen=True)
class Ledger:
    agency: Agency
    agencies: list[Agency]
    start: datetime.date
    end: datetime.date
    subtree: bool
    records: list[RecordRow] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)
    letters: list[LetterRow] = field(default_factory=list)


def build_ledger(
    *, agency: Agency, agencies: list[Agency], start: datetime.date, end: datetime.date
) -> Ledger:
    """The ledger of ``agencies`` (``agency`` alone, or it with agencies below it) for [start, end].

    Callers pass the scope from ``access.ledger_scope``, which checks who asks."""
    if end < start:
        start, end = end, start
    ids = [a.pk for a in agencies]
    codes = {a.pk: a.code for a in agencies}
    return Ledger(
        agency=agency,
        agencies=agencies,
        start=start,
        end=end,
        subtree=len(agencies) > 1 or agencies[0].pk != agency.pk,
        records=record_rows(ids, codes, start, end),
        requests=request_rows(ids, codes, start, end),
        letters=letter_rows(ids, codes, start, end),
    )


# --- Records ---------------------------------------------------------------------------------


def _moments(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``start`` and the first moment after ``end``, in the site's time zone."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    return first, after


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def record_rows(
    ids: list[int], codes: dict[int, str], start: datetime.date, end: datetime.date
) -> list[RecordRow]:
    first, after = _moments(start, end)
    published = Q(published_at__gte=first, published_at__lt=after)
    withdrawn = Q(withdrawn_at__gte=first, withdrawn_at__lt=after)
    revisions = list(
        Revision.objects.filter(record__agency_id__in=ids)
        .filter(published | withdrawn)
        .select_related("record", "category")
    )
    if not revisions:
        return []
    first_published = dict(
        Revision.objects.filter(record_id__in={r.record_id for r in revisions}, published_at__isnull=False)
        .values("record_id")
        .annotate(first=Min("number"))
        .values_list("record_id", "first")
        .order_by()
    )
    people: dict[tuple[int, str], Any] = {}
    events = RevisionEvent.objects.filter(
        revision_id__in=[r.pk for r in revisions],
        kind__in=[EventKind.SIGN, EventKind.SCHEDULE, EventKind.PUBLISH, EventKind.WITHDRAW],
    ).select_related("by")
    for event in events.order_by("at", "pk"):
        people[(event.revision_id, event.kind)] = event.by  # the latest of each kind
    rows: list[RecordRow] = []
    for revision in revisions:
        common: dict[str, Any] = {
            "agency": codes.get(revision.record.agency_id, ""),
            "index_number": revision.record.index_number or "",
            "title": revision.title,
            "document_number": revision.document_number,
            "category": revision.category.display_name,
            "signed_by": _name(people.get((revision.pk, EventKind.SIGN))),
        }
        at = revision.published_at
        if at is not None and first <= at < after:
            publisher = people.get((revision.pk, EventKind.PUBLISH)) or people.get(
                (revision.pk, EventKind.SCHEDULE)
            )
            changed = first_published.get(revision.record_id, revision.number) < revision.number
            rows.append(
                RecordRow(
                    date=timezone.localdate(at),
                    event=CHANGED if changed else PUBLISHED,
                    by=_name(publisher),
                    note=revision.change_note if changed else "",
                    **common,
                )
            )
        at = revision.withdrawn_at
        if at is not None and first <= at < after:
            rows.append(
                RecordRow(
                    date=timezone.localdate(at),
                    event=WITHDRAWN,
                    by=_name(people.get((revision.pk, EventKind.WITHDRAW))),
                    note=revision.withdrawal_reason,
                    **common,
                )
            )
    order = {PUBLISHED: 0, CHANGED: 1, WITHDRAWN: 2}
    rows.sort(key=lambda r: (r.date, r.index_number, order[r.event]))
    return rows


# --- Requests --------------------------------------------------------------------------------


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _due_at_end(requests: list[InfoRequest], end: datetime.date) -> dict[int, datetime.date | None]:
    """The due date each request (still open at the end of the period) had on ``end``: the state
    before its first step dated after ``end``, or its present due date when it took none since."""
    events = RequestEvent.objects.filter(
        request_id__in=[r.pk for r in requests], action__in=list(REQUEST_ACTIONS)
    ).order_by("id")
    steps: list[StepEvent] = []
    first_later: dict[int, int] = {}
    for event in events:
        if (event.data or {}).get("automatic"):
            continue  # the automatic receipt of an online request is no step of the kernel
        steps.append(StepEvent(event.pk, event.request_id, event.action))
        if event.date > end and event.request_id not in first_later:
            first_later[event.request_id] = event.pk
    audit_rows = audit_rows_of_steps(steps, object_type="inforequests.inforequest", workflow="inforequest")
    due: dict[int, datetime.date | None] = {}
    for request in requests:
        later = first_later.get(request.pk)
        row = audit_rows.get(later) if later is not None else None
        due[request.pk] = _date(state_value(row.before, "due_date")) if row is not None else request.due_date
    return due


def request_rows(
    ids: list[int], codes: dict[int, str], start: datetime.date, end: datetime.date
) -> list[RequestRow]:
    received = Q(received_on__gte=start, received_on__lte=end)
    concluded = Q(concluded_on__gte=start, concluded_on__lte=end)
    requests = list(
        InfoRequest.objects.filter(agency_id__in=ids)
        .filter(received | concluded)
        .order_by("received_on", "pk")
    )
    open_at_end = [r for r in requests if r.concluded_on is None or r.concluded_on > end]
    due_at_end = _due_at_end(open_at_end, end) if open_at_end else {}
    rows: list[RequestRow] = []
    for r in requests:
        if r.pk in due_at_end:
            due = due_at_end[r.pk]
            rows.append(
                RequestRow(
                    tracking_code=r.tracking_code,
                    agency=codes.get(r.agency_id, ""),
                    received_on=r.received_on,
                    due_date=due,
                    concluded_on=None,
                    outcome="",
                    timeliness=OVERDUE if due is not None and due < end else PENDING,
                )
            )
            continue
        if r.status == RequestStatus.WITHDRAWN:
            outcome, timeliness = "withdrawn", NOT_JUDGED
        else:
            outcome = r.outcome
            if r.status != RequestStatus.REPLIED or r.due_date is None or r.concluded_on is None:
                timeliness = NOT_JUDGED
            else:
                timeliness = ON_TIME if r.concluded_on <= r.due_date else LATE
        rows.append(
            RequestRow(
                tracking_code=r.tracking_code,
                agency=codes.get(r.agency_id, ""),
                received_on=r.received_on,
                due_date=r.due_date,
                concluded_on=r.concluded_on,
                outcome=outcome,
                timeliness=timeliness,
            )
        )
    return rows


def outcome_labels() -> dict[str, str]:
    labels = {str(value): str(label) for value, label in Outcome.choices}
    labels["withdrawn"] = str(RequestStatus.WITHDRAWN.label)
    labels[""] = _("Pending at the end of the period")
    return labels


# --- Letters ---------------------------------------------------------------------------------


def letter_rows(
    ids: list[int], codes: dict[int, str], start: datetime.date, end: datetime.date
) -> list[LetterRow]:
    replies = list(
        LetterEvent.objects.filter(action="reply", date__gte=start, date__lte=end)
        .filter(Q(letter__agency_id__in=ids) | Q(letter__transfers__isnull=False))
        .distinct()
        .select_related("letter")
        .order_by("date", "id")
    )
    if not replies:
        return []
    # Every reply of these letters, so that the k-th reply meets the k-th audit row of a reply.
    all_replies = LetterEvent.objects.filter(action="reply", letter_id__in={e.letter_id for e in replies})
    audit_rows = audit_rows_of_steps(
        [StepEvent(e.pk, e.letter_id, e.action) for e in all_replies],
        object_type="letters.letter",
        workflow="letter",
    )
    rows: list[LetterRow] = []
    for event in replies:
        letter: Letter = event.letter
        row = audit_rows.get(event.pk)
        after = row.after if row is not None else None
        agency_id = state_value(after, "agency") or letter.agency_id
        if agency_id not in codes:
            continue
        due = _date(state_value(after, "due_date")) if row is not None else letter.due_date
        received = _date(state_value(after, "received_on")) or letter.received_on
        timeliness = NOT_JUDGED if due is None else (ON_TIME if event.date <= due else LATE)
        rows.append(
            LetterRow(
                tracking_code=letter.tracking_code,
                agency=codes[agency_id],
                kind=str(state_value(after, "kind") or letter.kind),
                received_on=received,
                due_date=due,
                replied_on=event.date,
                timeliness=timeliness,
            )
        )
    return rows


def kind_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in LetterKind.choices}
