"""Reads of service cases: staff see the cases of their agencies (and those below, for tree roles);
the applicant sees one with the key. Every check takes the acting user."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.cases import access
from sunshine.cases.clock import warning
from sunshine.cases.codes import Status, Warning
from sunshine.cases.models import Case
from sunshine.workdays.calendar import current_calendar


def cases_for_staff(user: AnyUser) -> QuerySet[Case]:
    return Case.objects.filter(agency__in=agencies_for_staff(user)).select_related(
        "agency", "item", "version"
    )


def get_case_for_staff(user: AnyUser, pk: int) -> Case:
    found = cases_for_staff(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (tree roles held above count;
    superusers hold every role)."""
    return bool(roles_in(user, agency) & frozenset(roles))


def actions_for(user: AnyUser, case: Case) -> list[str]:
    from sunshine.cases.actions import WORKFLOW  # the declarations use the checks above

    return WORKFLOW.for_roles(case.status, roles_in(user, case.agency))


def get_case_for_applicant(tracking_code: str, key: str | None) -> Case:
    """The case whose tracking code and access key both match; 404 otherwise (no hint which)."""
    case = (
        Case.objects.select_related("agency", "item", "version")
        .filter(tracking_code=access.normalize_code(tracking_code))
        .first()
    )
    if case is None or not access.key_matches(case, key):
        raise Http404(tracking_code)
    return case


def get_case_by_link(tracking_code: str, token: str | None) -> Case:
    """The case a private link opens; 404 otherwise."""
    case = (
        Case.objects.select_related("agency", "item", "version").filter(tracking_code=tracking_code).first()
    )
    if case is None or not access.link_matches(case, token):
        raise Http404(tracking_code)
    return case


QUEUE_SIZE = 50
WAITING: frozenset[str] = frozenset(
    {Status.SUBMITTED, Status.AWAITING_MATERIALS, Status.ACCEPTED, Status.SUSPENDED, Status.DECIDED}
)


@dataclass(frozen=True)
class CaseQueue:
    """The open cases of the person's agencies: how many, and the first ``QUEUE_SIZE`` of them."""

    count: int
    page: list[Case]


def with_warning(cases: QuerySet[Case], level: str, today: datetime.date | None = None) -> QuerySet[Case]:
    """The cases of ``cases`` whose ``clock.warning`` as of ``today`` is ``level`` (``yellow`` or
    ``red``): a database query with the same results.

    A case whose clock runs reaches its promised date P on the day its T = promised + extension
    working days are used (P = the day of acceptance for 0 days); its pauses are closed, so on
    ``today`` it has used T minus the working days in (today, P]. Red: a working day in (P, today],
    i.e. P before the last working day L up to today. Yellow: not red, and at most T − k working days
    left, k = min(T − 1, ⌈share × T⌉), i.e. P before the (T − k + 1)-th working day after today; the
    bound depends on T only, so the filter is one date range per distinct T. A suspended case's
    used days are frozen at its suspension: those (few) are read with ``clock.warning`` itself."""
    today = today or timezone.localdate()
    calendar = current_calendar()
    last = today
    while not calendar.is_workday(last):
        last -= datetime.timedelta(days=1)
    cases = cases.annotate(warning_total=F("promised_days") + F("extension_days"))
    accepted = Q(status=Status.ACCEPTED, promised_date__isnull=False)
    if level == Warning.RED:
        running = accepted & Q(promised_date__lt=last)
    else:
        share = float(settings.SUNSHINE_CASE_YELLOW_SHARE)
        totals = set(cases.filter(accepted).values_list("warning_total", flat=True).distinct())
        near = Q(pk__in=[])
        for total in sorted(totals):
            k = max(min(total - 1, math.ceil(share * total)), 0)
            near |= Q(warning_total=total, promised_date__lt=calendar.nth_after(today, total - k + 1))
        running = accepted & Q(promised_date__gte=last) & near
    suspended = [
        case.pk
        for case in cases.filter(status=Status.SUSPENDED).prefetch_related("pauses")
        if warning(case, today) == level
    ]
    return cases.filter(running | Q(pk__in=suspended))


def open_cases_for_staff(
    user: AnyUser, *, warning_level: str | None = None, today: datetime.date | None = None
) -> CaseQueue:
    """Cases still waiting for a step of the agency (decided ones until delivered), nearest due date
    first (those without a date after them, the oldest first). ``warning_level`` (``yellow`` or
    ``red``) keeps only the cases with that warning as of ``today`` (``with_warning``: a query on
    the promised dates)."""
    found = (
        cases_for_staff(user)
        .filter(status__in=WAITING)
        .order_by(F("due_date").asc(nulls_last=True), "received_on", "pk")
    )
    if warning_level in (Warning.YELLOW, Warning.RED):
        found = with_warning(found, warning_level, today)
    return CaseQueue(found.count(), list(found[:QUEUE_SIZE]))
