"""The staff queue: requests with their clock state, filtered (``queue_filters``) and paged."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from sunshine.core.pagination import page_slice
from sunshine.inforequests.clock import current_thresholds, reading_of
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.queue_filters import QueueFilter, filter_queue
from sunshine.inforequests.selectors import requests_for_staff
from sunshine.workdays.calendar import current_calendar


def queue_queryset(user: Any, filters: QueueFilter | None = None) -> QuerySet[InfoRequest]:
    """The requests ``user`` may see, narrowed by ``filters`` (the open ones by default), the
    earliest due first."""
    requests = filter_queue(requests_for_staff(user), filters or QueueFilter(), user=user)
    return requests.order_by(F("due_date").asc(nulls_last=True), "id")


def queue_rows(requests: Any) -> list[dict[str, Any]]:
    calendar = current_calendar()
    limits = current_thresholds(calendar=calendar)
    rows = []
    for r in requests:
        reading = reading_of(r, limits, calendar)  # no working days left once concluded
        rows.append(
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
                "state": reading.state,
                "remaining_working_days": reading.remaining,
            }
        )
    return rows


def queue_page(
    user: Any, filters: QueueFilter | None = None, *, page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    requests = queue_queryset(user, filters)
    return {
        "count": requests.count(),
        "page": page,
        "page_size": page_size,
        "results": queue_rows(requests[page_slice(page, page_size)]),
    }
