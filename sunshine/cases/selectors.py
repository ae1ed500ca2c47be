"""Reads of service cases: staff see the cases of their agencies (and those below, for tree roles);
the applicant sees one with the key. Every check takes the acting user."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.cases import access
from sunshine.cases.clock import warning
from sunshine.cases.codes import CLOCK_RUNNING, Status, Warning
from sunshine.cases.models import Case


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


def open_cases_for_staff(
    user: AnyUser, *, warning_level: str | None = None, today: datetime.date | None = None
) -> CaseQueue:
    """Cases still waiting for a step of the agency (decided ones until delivered), nearest due date
    first (those without a date after them, the oldest first). ``warning_level`` (``yellow`` or
    ``red``) keeps only the cases with that warning as of ``today``; warnings are computed, not
    stored, so that filter reads the cases whose clock runs."""
    found = (
        cases_for_staff(user)
        .filter(status__in=WAITING)
        .order_by(F("due_date").asc(nulls_last=True), "received_on", "pk")
    )
    if warning_level in (Warning.YELLOW, Warning.RED):
        matching = [c for c in found.filter(status__in=CLOCK_RUNNING) if warning(c, today) == warning_level]
        return CaseQueue(len(matching), matching[:QUEUE_SIZE])
    return CaseQueue(found.count(), list(found[:QUEUE_SIZE]))
