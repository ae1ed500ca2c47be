"""The staff queue: requests with their clock state, filtered and paged."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone

from sunshine.inforequests.clockstate import remaining_working_days, state_of, thresholds
from sunshine.inforequests.codes import OPEN_STATUSES, PAUSED_STATUSES, Status
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.selectors import requests_for_staff
from sunshine.workdays.calendar import current_calendar


def queue_queryset(
    user: Any,
    *,
    agency: str | None = None,
    status: str | None = None,
    open: bool = True,
    state: str | None = None,
) -> QuerySet[InfoRequest]:
    requests = requests_for_staff(user)
    if agency:
        requests = requests.filter(agency__code=agency)
    if status:
        requests = requests.filter(status=status)
    elif open:
        requests = requests.filter(status__in=OPEN_STATUSES)
    if state:
        limits = thresholds(timezone.localdate(), current_calendar(), settings.SUNSHINE_DUE_SOON_WORKING_DAYS)
        running = requests.filter(status=Status.RECEIVED, due_date__isnull=False)
        if state == "overdue":
            requests = running.filter(due_date__lt=limits.today)
        elif state == "due_soon":
            requests = running.filter(due_date__gte=limits.today)
            if limits.due_soon_until is not None:
                requests = requests.filter(due_date__lte=limits.due_soon_until)
        elif state == "on_time":
            requests = running.filter(due_date__gt=limits.due_soon_until or limits.today)
        elif state == "paused":
            requests = requests.filter(status__in=PAUSED_STATUSES)
    return requests.order_by(F("due_date").asc(nulls_last=True), "id")


def queue_rows(requests: Any) -> list[dict[str, Any]]:
    calendar = current_calendar()
    today = timezone.localdate()
    limits = thresholds(today, calendar, settings.SUNSHINE_DUE_SOON_WORKING_DAYS)
    return [
        {
            "id": r.pk,
            "tracking_code": r.tracking_code,
            "agency": r.agency.code,
            "applicant_name": r.applicant_name,
            "title": r.title or r.description[:60],
            "channel": r.channel,
            "status": r.status,
            "received_on": r.received_on,
            "due_date": r.due_date,
            "due_date_provisional": r.due_date_provisional,
            "state": state_of(r.status, r.due_date, limits),
            "remaining_working_days": remaining_working_days(r.due_date, today, calendar),
        }
        for r in requests
    ]


def queue_page(user: Any, *, page: int = 1, page_size: int = 50, **filters: Any) -> dict[str, Any]:
    requests = queue_queryset(user, **filters)
    start = (page - 1) * page_size
    return {
        "count": requests.count(),
        "page": page,
        "page_size": page_size,
        "results": queue_rows(requests[start : start + page_size]),
    }
