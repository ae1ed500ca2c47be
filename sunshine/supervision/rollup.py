"""The dashboards' running totals, kept by the sweep (docs/supervision.md#dashboards): per agency
and day, the cases received and decided (``AgencyDay``); per agency, the open cases by level
(``AgencyOpen``). The sweep refreshes the days of every case it saw new or changed, so a second run
the same day rewrites nothing, and the first run on a full database builds every day."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection

from django.db.models import Count, F, Q, Sum

from sunshine.cases.codes import Channel
from sunshine.cases.models import Case
from sunshine.core.bulk import RowWriter
from sunshine.supervision.codes import Level
from sunshine.supervision.models import AgencyDay, AgencyOpen, CaseState

# Above this many days, the refresh takes the range between the first and the last instead of a list.
_LIST_LIMIT = 60


def _days(field: str, days: Collection[datetime.date]) -> Q:
    if len(days) > _LIST_LIMIT:
        return Q(**{f"{field}__gte": min(days), f"{field}__lte": max(days)})
    return Q(**{f"{field}__in": sorted(days)})


def refresh_days(days: Collection[datetime.date]) -> int:
    """Recount ``days`` (and, when they are many, every day between the first and the last) from
    the cases and their stored states; the number of agency-day rows written."""
    if not days:
        return 0
    rows: dict[tuple[int, datetime.date], AgencyDay] = {}

    def row(agency: int, day: datetime.date) -> AgencyDay:
        key = (agency, day)
        if key not in rows:
            rows[key] = AgencyDay(agency_id=agency, day=day)
        return rows[key]

    for agency, day, n, online in (
        Case.objects.filter(_days("received_on", days))
        .order_by()
        .values_list("agency_id", "received_on")
        .annotate(n=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE)))
    ):
        r = row(agency, day)
        r.received, r.online = n, online
    for agency, day, n, statutory, promised in (
        Case.objects.filter(_days("decided_on", days))
        .order_by()
        .values_list("agency_id", "decided_on")
        .annotate(
            n=Count("pk"),
            s=Count("pk", filter=Q(decided_on__lte=F("due_date"))),
            p=Count("pk", filter=Q(decided_on__lte=F("promised_date"))),
        )
    ):
        r = row(agency, day)
        r.decided, r.on_time_statutory, r.on_time_promised = n, statutory, promised
    for agency, day, total, n in (
        CaseState.objects.filter(_days("case__decided_on", days), decision_days__isnull=False)
        .order_by()
        .values_list("agency_id", "case__decided_on")
        .annotate(total=Sum("decision_days"), n=Count("pk"))
    ):
        r = row(agency, day)
        r.decision_days, r.with_days = total or 0, n
    AgencyDay.objects.filter(_days("day", days)).delete()
    RowWriter(AgencyDay).insert_objects(rows.values())
    return len(rows)


def refresh_open() -> int:
    """Recount the open cases of every agency and their levels from the stored states; only the
    agencies whose counts moved are written (a second sweep the same day writes nothing). The
    number of agencies written."""
    counts = {
        agency: (n, y, r)
        for agency, n, y, r in CaseState.objects.filter(is_open=True)
        .order_by()
        .values_list("agency_id")
        .annotate(
            n=Count("pk"),
            y=Count("pk", filter=Q(promised_level=Level.YELLOW)),
            r=Count("pk", filter=Q(promised_level=Level.RED)),
        )
    }
    known = {
        a: (n, y, r) for a, n, y, r in AgencyOpen.objects.values_list("agency_id", "open", "yellow", "red")
    }
    gone = [a for a in known if a not in counts]
    moved = [
        AgencyOpen(agency_id=a, open=n, yellow=y, red=r)
        for a, (n, y, r) in counts.items()
        if known.get(a) != (n, y, r)
    ]
    if gone:
        AgencyOpen.objects.filter(agency_id__in=gone).delete()
    AgencyOpen.objects.filter(agency_id__in=[row.agency_id for row in moved]).delete()
    AgencyOpen.objects.bulk_create(moved)
    return len(gone) + len(moved)


def days_of(dates: dict[int, tuple[datetime.date | None, datetime.date | None]]) -> set[datetime.date]:
    """The days to recount for cases seen new or changed: their day of receipt and of decision."""
    found: set[datetime.date] = set()
    for received, decided in dates.values():
        found.update(d for d in (received, decided) if d is not None)
    return found


def totals(start: datetime.date, end: datetime.date) -> dict[int, dict[str, int]]:
    """Per agency id, the figures of the days from ``start`` to ``end`` added up."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    names = (
        "received",
        "online",
        "decided",
        "on_time_statutory",
        "on_time_promised",
        "decision_days",
        "with_days",
    )
    for values in (
        AgencyDay.objects.filter(day__gte=start, day__lte=end)
        .order_by()
        .values("agency_id")
        .annotate(**{name: Sum(name) for name in names})
    ):
        out[values["agency_id"]] = {name: int(values[name] or 0) for name in names}
    return dict(out)
