"""How requests read in the back office: labels of actions and clock states, queue rows with
their clock, the clock summary and the history of one request. No rules here: the clock's state,
working days left and pauses come from ``inforequests.clock``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.inforequests import clock
from sunshine.inforequests.actions import texts_of
from sunshine.inforequests.codes import Channel, ConsultationParty, FeeMethod, Outcome
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.inforequests.provisional import change_lines
from sunshine.workdays.clock import WorkCalendar


def action_label(action: str) -> str:
    """The action as a button and a heading (imperative), as declared (``inforequests.actions``)."""
    texts = texts_of(action)
    return str(texts.button) if texts is not None and texts.button else action


def action_help(action: str) -> str:
    """What the action means, with its legal basis, shown beside its form."""
    texts = texts_of(action)
    return str(texts.help) if texts is not None else ""


def history_label(action: str) -> str:
    """The step as it reads in the staff history (what happened)."""
    texts = texts_of(action)
    return str(texts.history) if texts is not None else action


STATE_LABELS: dict[str, Promise] = {
    "on_time": _("On time"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
    "paused": _("Paused"),
    "awaiting_receipt": _("Awaiting receipt"),
    "concluded": _("Concluded"),
}


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@dataclass(frozen=True)
class QueueRow:
    request: InfoRequest
    state: str
    remaining: int | None  # working days left; negative when overdue; None when unknown or concluded

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def overdue_days(self) -> int | None:
        return -self.remaining if self.remaining is not None and self.remaining < 0 else None


def queue_rows(
    requests: Iterable[InfoRequest], today: datetime.date, calendar: WorkCalendar
) -> Iterator[QueueRow]:
    """Each request with its clock state and working days left (lazily: exports stream this)."""
    limits = clock.current_thresholds(today, calendar)
    for r in requests:
        reading = clock.reading_of(r, limits, calendar)
        yield QueueRow(r, reading.state, reading.remaining)


@dataclass(frozen=True)
class ClockSummary(clock.ClockSummary):
    """The clock summary of a request's page (``inforequests.clock.summary_of``), with its label."""

    @property
    def state_label(self) -> str:
        return state_label(self.state)


def clock_summary(request: InfoRequest, today: datetime.date, calendar: WorkCalendar) -> ClockSummary:
    summary = clock.summary_of(request, today, calendar)
    return ClockSummary(summary.state, summary.remaining, summary.paused_working_days, summary.open_pause)


@dataclass(frozen=True)
class Detail:
    name: str
    value: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryRow:
    date: datetime.date
    action: str
    label: str
    by: str
    details: list[Detail] = field(default_factory=list)


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _details(event: RequestEvent) -> list[Detail]:
    data: dict[str, Any] = event.data or {}
    found: list[tuple[Any, Any]] = []
    if "channel" in data:
        found.append((_("Channel"), _label(Channel, data["channel"])))
    if data.get("automatic"):
        found.append((_("Recorded"), _("automatically")))
    if data.get("items"):
        found.append((_("Items"), tuple(str(i) for i in data["items"])))
    if "period_working_days" in data:
        found.append((_("Period (working days)"), data["period_working_days"]))
    if data.get("correction_due"):
        found.append((_("Correction due"), data["correction_due"]))
    if data.get("late"):
        found.append((_("Notice"), _("later than 7 working days after receipt")))
    if data.get("online"):
        found.append((_("Received"), _("online, from the applicant")))
    if data.get("text"):
        found.append((_("Correction"), data["text"]))
    if data.get("files"):
        found.append(
            (_("Files"), tuple(str(f.get("name", "")) for f in data["files"] if isinstance(f, dict)))
        )
    if data.get("party"):
        found.append((_("Consulted party"), _label(ConsultationParty, data["party"])))
    if "working_days" in data:
        found.append((_("Working days"), data["working_days"]))
    if data.get("reason"):
        found.append((_("Reason"), data["reason"]))
    if data.get("approved_by"):
        found.append((_("Approved by"), data["approved_by"]))
    approver = data.get("approver")
    if isinstance(approver, dict) and approver.get("username"):
        name, username = approver.get("name") or "", approver["username"]
        found.append((_("Approver"), f"{name} ({username})" if name else username))
    if data.get("method"):
        found.append((_("Fee method"), _label(FeeMethod, data["method"])))
    if data.get("amount") is not None:
        found.append((_("Fee (yuan)"), data["amount"]))
    if data.get("payable_by"):
        found.append((_("Payable by"), data["payable_by"]))
    if data.get("reference"):
        found.append((_("Payment reference"), data["reference"]))
    if data.get("paid_on"):
        found.append((_("Paid on, as the applicant says"), data["paid_on"]))
    if data.get("outcome"):
        found.append((_("Outcome"), _label(Outcome, data["outcome"])))
    if data.get("reasons"):
        found.append((_("Reasons"), data["reasons"]))
    if data.get("changes"):
        found.append((_("Dates"), tuple(change_lines(data))))
    detail = data.get("detail")
    if isinstance(detail, dict) and detail:
        found.append((_("Detail"), detail["note"] if set(detail) == {"note"} else detail))
    return [
        Detail(str(name), items=value) if isinstance(value, tuple) else Detail(str(name), str(value))
        for name, value in found
    ]


def person_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def person_label(user: Any) -> str:
    """A person by name and user name, ``张三 (zhangsan)``: who they are in the system."""
    if user is None:
        return ""
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else str(user.get_username())


def history_rows(request: InfoRequest) -> list[HistoryRow]:
    events = request.events.select_related("by").order_by("date", "id")
    return [
        HistoryRow(
            date=e.date,
            action=e.action,
            label=history_label(e.action),
            by=person_name(e.by),
            details=_details(e),
        )
        for e in events
    ]
