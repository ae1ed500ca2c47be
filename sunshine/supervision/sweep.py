"""The supervision sweep (``manage.py supervision_sweep``): the levels, step overruns and anomalies
of every case not concluded at the last sweep, stored in ``CaseState``; idempotent — a second run on
the same day writes nothing (docs/supervision.md#sweep).

Built for a million cases: one query for the cases (only the columns it reads, streamed), one each
for their pauses, their steps done and their returns of materials, the guides' steps and the
working-day calendar loaded once; rows written in bulk, and only those that changed. Each level
change is a ``LevelChange`` row and an audit row ``supervision.level``."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.cases.codes import CLOCK_RUNNING, CONCLUDED, MAX_EXTENSION, Result, Status
from sunshine.cases.models import Case, CaseEvent, CasePause, CaseStepDone
from sunshine.core import audit_actions
from sunshine.core.bulk import RowUpdater, RowWriter
from sunshine.core.models import AuditEntry
from sunshine.eservices.models import Step
from sunshine.outbox import services as outbox
from sunshine.outbox.models import OutboxMessage
from sunshine.supervision import rollup
from sunshine.supervision.codes import Anomaly, Clock, Level
from sunshine.supervision.models import CaseState, LevelChange
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import Clock as WorkClock
from sunshine.workdays.clock import WorkCalendar

AUDIT_ACTION = "supervision.level"
BATCH = 2000
RETURN_ACTIONS = ("notify_missing", "receive_missing")
_FIELDS = (
    "id",
    "agency_id",
    "version_id",
    "status",
    "accepted_on",
    "statutory_days",
    "promised_days",
    "extension_days",
    "result",
    "reasons",
    "refusal_reason",
    "decided_on",
    "notified_on",
    "received_on",
    "tracking_code",
)
_RECEIVED, _DECIDED = _FIELDS.index("received_on"), _FIELDS.index("decided_on")
Pauses = list[tuple[datetime.date, datetime.date | None]]


class LevelMove(NamedTuple):
    """One case's level moving on one clock (a ``LevelChange`` row)."""

    case_id: int
    agency_id: int
    clock: str
    before: str
    after: str
    date: datetime.date


@dataclass
class SweepResult:
    checked: int = 0
    created: int = 0
    updated: int = 0
    changes: list[LevelMove] = field(default_factory=list)
    days: int = 0  # agency-day rows of the dashboards rewritten


def _to_sweep() -> Q:
    """Cases not concluded, not swept yet, or open at the last sweep (concluded since)."""
    return (
        Q(status__in=[s for s in Status.values if s not in CONCLUDED])
        | Q(supervision__isnull=True)
        | Q(supervision__is_open=True)
    )


def _elapsed(start: datetime.date, pauses: Pauses, today: datetime.date, calendar: WorkCalendar) -> int:
    if not pauses:
        return max(calendar.count(start, today), 0) if today > start else 0
    clock = WorkClock(start=start, limit=1, pauses=pauses, max_extension=MAX_EXTENSION)
    return clock.elapsed(today, calendar)


def level(elapsed: int, days: int, extension_days: int, share: float) -> str:
    """The rules of ``cases.clock.warning`` on the working days used: red past the period, yellow
    once ``share`` of it is used or at most one working day is left."""
    total = days + extension_days
    if elapsed > total:
        return Level.RED
    if total - elapsed <= 1 or elapsed >= share * total:
        return Level.YELLOW
    return Level.NONE


def _overruns(
    accepted_on: datetime.date,
    steps: Iterable[tuple[str, int]],
    done: dict[str, datetime.date],
    running: bool,
    today: datetime.date,
    calendar: WorkCalendar,
) -> list[str]:
    """The guide's steps past their time limit, each counted from the acceptance or from the day
    the step before it was done; a step not done yet is late once its limit has passed."""
    late: list[str] = []
    start = accepted_on
    for key, days in steps:
        deadline = calendar.nth_after(start, days)
        finished = done.get(key)
        if finished is None:
            if running and today > deadline:
                late.append(key)
            break
        if finished > deadline:
            late.append(key)
        start = finished
    return late


@dataclass(frozen=True)
class _Context:
    today: datetime.date
    calendar: WorkCalendar
    share: float
    min_days: int
    max_suspension: int
    steps: dict[int, list[tuple[str, int]]]
    pauses: dict[int, Pauses]
    done: dict[int, dict[str, datetime.date]]
    returns: dict[int, int]


def _state(row: tuple[Any, ...], ctx: _Context) -> dict[str, Any]:
    (pk, _agency, version, status, accepted_on, statutory, promised, extension, result, reasons,
     refusal_reason, decided_on, _notified, _received, _code) = row  # fmt: skip
    pauses = ctx.pauses.get(pk, [])
    promised_level: str = Level.NONE
    statutory_level: str = Level.NONE
    if status in CLOCK_RUNNING and accepted_on is not None:
        used = _elapsed(accepted_on, pauses, ctx.today, ctx.calendar)
        promised_level = level(used, promised, extension, ctx.share)
        statutory_level = level(used, statutory, extension, ctx.share)
    overruns: list[str] = []
    if accepted_on is not None:
        overruns = _overruns(
            accepted_on,
            ctx.steps.get(version, []),
            ctx.done.get(pk, {}),
            status in CLOCK_RUNNING,
            ctx.today,
            ctx.calendar,
        )
    anomalies: list[str] = []
    decision_days = None
    if decided_on is not None and accepted_on is not None:
        decision_days = _elapsed(accepted_on, pauses, decided_on, ctx.calendar)
        if promised > 0 and decision_days < ctx.min_days:
            anomalies.append(Anomaly.TOO_FAST)
    if (status == Status.REFUSED and not refusal_reason.strip()) or (
        result == Result.DENIED and not reasons.strip()
    ):
        anomalies.append(Anomaly.NO_REASONS)
    if ctx.returns.get(pk, 0) > 1:
        anomalies.append(Anomaly.REPEATED_RETURNS)
    for begin, end in pauses:
        if ctx.calendar.count(begin, min(end or ctx.today, ctx.today)) > ctx.max_suspension:
            anomalies.append(Anomaly.LONG_SUSPENSION)
            break
    return {
        "is_open": status not in CONCLUDED,
        "promised_level": str(promised_level),
        "statutory_level": str(statutory_level),
        "overrun_steps": overruns,
        "anomalies": [str(a) for a in anomalies],
        "decision_days": decision_days,
    }


_STATE_FIELDS = (
    "is_open",
    "promised_level",
    "statutory_level",
    "overrun_steps",
    "anomalies",
    "decision_days",
)


def _context(today: datetime.date) -> _Context:
    scope = _to_sweep()
    steps: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for version, key, days in Step.objects.order_by("version", "position", "pk").values_list(
        "version_id", "key", "days"
    ):
        steps[version].append((key, days))
    pauses: dict[int, Pauses] = defaultdict(list)
    for pk, begin, end in (
        CasePause.objects.filter(case__in=Case.objects.filter(scope).values("pk"))
        .order_by("started_on", "pk")
        .values_list("case_id", "started_on", "ended_on")
    ):
        pauses[pk].append((begin, end))
    done: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    for pk, step, date in CaseStepDone.objects.filter(
        case__in=Case.objects.filter(scope, accepted_on__isnull=False).values("pk")
    ).values_list("case_id", "step", "date"):
        done[pk][step] = date
    # A round of returns is a notice of missing items and the materials received after it: more
    # than one notice, or materials received more than once, are repeated returns.
    counted: dict[tuple[int, str], int] = defaultdict(int)
    for pk, action in CaseEvent.objects.filter(
        action__in=RETURN_ACTIONS,
        case__in=Case.objects.filter(scope, notified_on__isnull=False).values("pk"),
    ).values_list("case_id", "action"):
        counted[(pk, action)] += 1
    returns: dict[int, int] = defaultdict(int)
    for (pk, _action), n in counted.items():
        returns[pk] = max(returns[pk], n)
    return _Context(
        today=today,
        calendar=current_calendar(),
        share=float(settings.SUNSHINE_CASE_YELLOW_SHARE),
        min_days=int(settings.SUNSHINE_SUPERVISION_MIN_DECISION_DAYS),
        max_suspension=int(settings.SUNSHINE_SUPERVISION_MAX_SUSPENSION_DAYS),
        steps=dict(steps),
        pauses=dict(pauses),
        done=dict(done),
        returns=dict(returns),
    )


def _rows() -> Iterator[tuple[Any, ...]]:
    return Case.objects.filter(_to_sweep()).order_by().values_list(*_FIELDS).iterator(chunk_size=BATCH)


def sweep(today: datetime.date | None = None) -> SweepResult:
    """Sweep every case not concluded at the last sweep; write only what changed."""
    today = today or timezone.localdate()
    ctx = _context(today)
    known = {
        row[0]: row[1:]
        for row in CaseState.objects.filter(
            case__in=Case.objects.filter(_to_sweep()).values("pk")
        ).values_list("case_id", *_STATE_FIELDS)
    }
    result = SweepResult()
    audit_actions.check_known(AUDIT_ACTION)
    agency_codes = dict(Agency.objects.values_list("pk", "code"))
    touched: dict[int, tuple[datetime.date | None, datetime.date | None]] = {}
    with transaction.atomic():
        new: list[dict[str, Any]] = []  # rows, not instances: a million of them on a first sweep
        changed: list[dict[str, Any]] = []
        changes: list[LevelMove] = []
        audits: list[AuditEntry] = []
        messages: list[OutboxMessage] = []
        for row in _rows():
            result.checked += 1
            pk, agency = row[0], row[1]
            state = _state(row, ctx)
            before = known.get(pk)
            if before is not None and tuple(state[f] for f in _STATE_FIELDS) == tuple(before):
                continue
            old = dict(zip(_STATE_FIELDS, before, strict=True)) if before is not None else None
            # The dashboards' days that move: a case's day of receipt when it is first seen, its day
            # of decision when it is first seen concluded.
            if old is None:
                touched[pk] = (row[_RECEIVED], row[_DECIDED])
                new.append({"case_id": pk, "agency_id": agency, "changed_on": today, **state})
            else:
                if old["is_open"] and not state["is_open"]:
                    touched[pk] = (None, row[_DECIDED])
                changed.append({"case_id": pk, "changed_on": today, **state})
            moves = [
                (clock, (old or {}).get(f"{clock}_level", Level.NONE), state[f"{clock}_level"])
                for clock in (Clock.PROMISED, Clock.STATUTORY)
            ]
            moves = [(c, a, b) for c, a, b in moves if a != b]
            for clock, a, b in moves:
                changes.append(LevelMove(pk, agency, clock, a, b, today))
            if moves:
                audits.append(
                    AuditEntry(
                        action=AUDIT_ACTION,
                        object_type="cases.case",
                        object_id=str(pk),
                        object_repr=str(pk),
                        agency_id=agency,
                        before={f"{c}_level": a for c, a, _b in moves},
                        after={f"{c}_level": b for c, _a, b in moves},
                    )
                )
                messages.append(_message(row, agency_codes.get(agency, ""), moves, today))
            if len(new) + len(changed) >= BATCH:
                _flush(new, changed, changes, audits, messages, result)
        _flush(new, changed, changes, audits, messages, result)
        # The dashboards' totals: the days of every case seen new or changed, and the open cases.
        result.days = rollup.refresh_days(rollup.days_of(touched))
        rollup.refresh_open()
    return result


def _message(
    row: tuple[Any, ...], agency: str, moves: Sequence[tuple[str, Any, Any]], today: datetime.date
) -> OutboxMessage:
    """The outbox message of a case's level change (docs/outbox.md#supervision-levels), in order
    with the case's own events."""
    code = row[_FIELDS.index("tracking_code")]
    return outbox.message(
        "supervision.level_changed",
        {
            "case": code,
            "agency": agency,
            "date": today,
            "levels": {clock: {"before": a, "after": b} for clock, a, b in moves},
        },
        ordering_key=f"case:{code}",
    )


def _writer(model: type[Model]) -> RowWriter:
    """The rows a sweep writes by the thousand go through ``RowWriter`` (``bulk_create`` costs
    several times the insert at a million cases); made for each batch, so its time stamps are now."""
    return RowWriter(model)


def _flush(
    new: list[dict[str, Any]],
    changed: list[dict[str, Any]],
    changes: list[LevelMove],
    audits: list[AuditEntry],
    messages: list[OutboxMessage],
    result: SweepResult,
) -> None:
    if new:
        _writer(CaseState).insert(new)
    if changed:
        RowUpdater(CaseState, [*_STATE_FIELDS, "changed_on"]).update(changed)
    if changes:
        _writer(LevelChange).insert(move._asdict() for move in changes)
        result.changes.extend(changes)
    if audits:
        _writer(AuditEntry).insert_objects(audits)
    if messages:
        _writer(OutboxMessage).insert_objects(messages)
    result.created += len(new)
    result.updated += len(changed)
    new.clear()
    changed.clear()
    changes.clear()
    audits.clear()
    messages.clear()
