"""The filters of the staff queue, defined once for the page, its CSV/XLSX export and the API.

``QueueFilter.from_params`` reads the query parameters (a ``QueryDict`` or a plain dict) and answers
either a ``QueueFilter`` or ``QueueFilterErrors``: one translated message per parameter in error,
with the filter made of the parameters that were right (the page lists with it; the export and the
API refuse). ``filter_queue`` applies a filter to a queryset of requests the acting person may see:
the permission check stays in the selector that takes that person.

The parameters, the same on every surface:

- ``agency``: an agency's code;
- ``status``: one status, or ``all`` for concluded requests too (the page's name) — ``open=false``
  says the same (the API's name); without either, the open requests only;
- ``state``: the clock, ``on_time``, ``due_soon``, ``overdue`` or ``paused``;
- ``received_from``, ``received_to``: days of receipt, YYYY-MM-DD, both included;
- ``assigned``: ``me`` or ``nobody``;
- ``q``: words of the tracking code, the name or the description of the information.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.inforequests.clock import current_thresholds, state_filter
from sunshine.inforequests.codes import OPEN_STATUSES, Status
from sunshine.inforequests.models import InfoRequest

ALL_STATUSES = "all"
STATES = ("on_time", "due_soon", "overdue", "paused")
ASSIGNED = ("me", "nobody")
AGENCY_MAX_LENGTH = 40
TEXT_MAX_LENGTH = 100
DATE_FORMAT = "%Y-%m-%d"
TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE = frozenset({"0", "false", "f", "no", "n", "off"})

# Every query parameter a surface reads (the API documents each of them).
PARAMS = ("agency", "status", "open", "state", "received_from", "received_to", "assigned", "q")


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to; the defaults list every open request one may see."""

    agency: str = ""
    status: str = ""  # one status; empty: as ``open`` says
    open: bool = True  # False: concluded requests too
    state: str = ""
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    assigned: str = ""  # "me" or "nobody"
    q: str = ""

    @classmethod
    def from_params(
        cls, params: Mapping[str, Any], *, agencies: QuerySet[Agency] | None = None
    ) -> QueueFilter | QueueFilterErrors:
        """The filter the parameters ask for. With ``agencies`` (those the person may see), an
        agency outside them is an error coded ``out_of_reach``; without, it simply matches nothing
        the person may see."""
        return _Parser(params, agencies).parse()

    @property
    def all_statuses(self) -> bool:
        return not self.status and not self.open

    def to_params(self) -> dict[str, str]:
        """The filter as the page's query parameters, without those left at their default."""
        params = {
            "agency": self.agency,
            "status": ALL_STATUSES if self.all_statuses else self.status,
            "state": self.state,
            "received_from": self.received_from.isoformat() if self.received_from else "",
            "received_to": self.received_to.isoformat() if self.received_to else "",
            "assigned": self.assigned,
            "q": self.q,
        }
        return {name: value for name, value in params.items() if value}


@dataclass(frozen=True)
class FieldError:
    message: str
    code: str


@dataclass(frozen=True)
class QueueFilterErrors:
    """The parameters in error, each with its message, and the filter of the others."""

    fields: dict[str, FieldError]
    valid: QueueFilter

    def messages(self) -> dict[str, str]:
        return {name: error.message for name, error in self.fields.items()}

    def has(self, name: str, code: str) -> bool:
        error = self.fields.get(name)
        return error is not None and error.code == code


def _choices(values: Any) -> str:
    return ", ".join(str(v) for v in values)


class _Parser:
    def __init__(self, params: Mapping[str, Any], agencies: QuerySet[Agency] | None) -> None:
        self.params, self.agencies = params, agencies
        self.errors: dict[str, FieldError] = {}
        self.values: dict[str, Any] = {}

    def raw(self, name: str) -> Any:
        value = self.params.get(name)
        return value.strip() if isinstance(value, str) else value

    def fail(self, name: str, message: str, code: str = "invalid") -> None:
        self.errors[name] = FieldError(message, code)

    def text(self, name: str, max_length: int) -> None:
        value = self.raw(name) or ""
        if not isinstance(value, str):
            self.fail(name, _("Enter valid text."))
        elif len(value) > max_length:
            self.fail(name, _("Enter at most %(n)s characters.") % {"n": max_length}, "max_length")
        else:
            self.values[name] = value

    def choice(self, name: str, choices: tuple[str, ...]) -> None:
        value = self.raw(name) or ""
        if value and value not in choices:
            self.fail(name, _("Choose one of: %(values)s.") % {"values": _choices(choices)}, "invalid_choice")
        else:
            self.values[name] = value

    def date(self, name: str) -> None:
        value = self.raw(name)
        if value in (None, ""):
            return
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            self.values[name] = value
            return
        try:
            self.values[name] = datetime.datetime.strptime(str(value), DATE_FORMAT).date()
        except ValueError:
            self.fail(name, _("Enter a real date as YYYY-MM-DD."))

    def boolean(self, name: str) -> None:
        value = self.raw(name)
        if value in (None, ""):
            return
        if isinstance(value, bool):
            self.values[name] = value
        elif str(value).lower() in TRUE:
            self.values[name] = True
        elif str(value).lower() in FALSE:
            self.values[name] = False
        else:
            self.fail(name, _("Enter true or false."))

    def parse(self) -> QueueFilter | QueueFilterErrors:
        self.text("agency", AGENCY_MAX_LENGTH)
        agency = self.values.get("agency")
        if agency and self.agencies is not None and not self.agencies.filter(code=agency).exists():
            self.fail("agency", _("You cannot see the requests of this agency."), "out_of_reach")
            del self.values["agency"]
        self.boolean("open")
        self.choice("status", (ALL_STATUSES, *Status.values))
        if self.values.get("status") == ALL_STATUSES:  # the page's name for open=false
            self.values["status"], self.values["open"] = "", False
        self.choice("state", STATES)
        self.date("received_from")
        self.date("received_to")
        start, end = self.values.get("received_from"), self.values.get("received_to")
        if start and end and end < start:
            self.fail("received_to", _("The end of the period is before its start."), "period")
            del self.values["received_to"]
        self.choice("assigned", ASSIGNED)
        self.text("q", TEXT_MAX_LENGTH)
        parsed = QueueFilter(**self.values)
        return QueueFilterErrors(self.errors, parsed) if self.errors else parsed


def filter_queue(
    requests: QuerySet[InfoRequest], filters: QueueFilter, *, user: Any
) -> QuerySet[InfoRequest]:
    """``requests`` narrowed by ``filters``; ``user`` is the person the queue is for (``assigned=me``)."""
    if filters.agency:
        requests = requests.filter(agency__code=filters.agency)
    if filters.status:
        requests = requests.filter(status=filters.status)
    elif filters.open:
        requests = requests.filter(status__in=OPEN_STATUSES)
    if filters.state:
        requests = requests.filter(state_filter(filters.state, current_thresholds()))
    if filters.received_from:
        requests = requests.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        requests = requests.filter(received_on__lte=filters.received_to)
    if filters.assigned == "me":
        requests = requests.filter(assigned_to_id=user.pk)
    elif filters.assigned == "nobody":
        requests = requests.filter(assigned_to__isnull=True)
    if text := filters.q:
        requests = requests.filter(
            Q(tracking_code__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
        )
    return requests
