"""The staff back office shell: sign-in, the home page with one's roles and requests, the audit log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.agencies.selectors import agencies_for_staff, roles_of
from sunshine.backoffice import audit_display
from sunshine.backoffice.desks import home_desks
from sunshine.backoffice.forms import AuditFilterForm, agency_choices
from sunshine.backoffice.navigation import staff_links
from sunshine.core.selectors import audit_agencies_for, audit_entries_for, audit_people_for
from sunshine.inforequests.queue import queue_queryset
from sunshine.inforequests.queue_filters import QueueFilter
from sunshine.workdays.selectors import next_year_missing


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = roles_of(request.user)
    agencies = agencies_for_staff(request.user).order_by("path")
    links = staff_links(request.user)
    counts = None
    if links.requests:
        counts = {
            "open": queue_queryset(request.user).count(),
            "overdue": queue_queryset(request.user, QueueFilter(state="overdue")).count(),
            "due_soon": queue_queryset(request.user, QueueFilter(state="due_soon")).count(),
        }
    return render(
        request,
        "backoffice/home.html",
        {
            "memberships": memberships,
            "agency_count": agencies.count(),
            "agencies": agencies[:50],
            "links": links,
            "request_counts": counts,
            "desks": home_desks(request.user),  # what waits for review, sign-off, changes
            # From 1 October, administrators are reminded to enter next year's calendar.
            "calendar_missing": next_year_missing(timezone.localdate()) if links.calendar else None,
        },
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    agencies = audit_agencies_for(request.user)  # PermissionDenied → 403 for those who read no entry
    form = AuditFilterForm(
        request.GET or None, agencies=agency_choices(agencies), people=audit_people_for(request.user)
    )
    entries = audit_entries_for(request.user, form.filters())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "backoffice/audit.html", {"form": form, "page": page, "rows": audit_display.rows(page)}
    )
