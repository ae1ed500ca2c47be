"""Reads of inspections: inspectors see the inspections of their subtrees; an agency's staff see the
inspections that include their agency and its rectifications. Every check takes the acting user."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.inspections.actions import INSPECTION, RECTIFICATION
from sunshine.inspections.codes import COMPLAINT_KINDS, INSPECTOR_ROLES, OPEN_RECTIFICATION
from sunshine.inspections.models import Finding, Inspection, Rectification
from sunshine.letters.models import Letter


def inspected_agencies(user: AnyUser) -> QuerySet[Agency]:
    """The agencies ``user`` may inspect: the subtrees of their disclosure office and supervisor roles."""
    return agencies_for_staff(user, roles=INSPECTOR_ROLES)


def may_inspect(user: AnyUser, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & INSPECTOR_ROLES)


def may_inspect_any(user: AnyUser) -> bool:
    return user.is_authenticated and inspected_agencies(user).exists()


def inspections_for(user: AnyUser) -> QuerySet[Inspection]:
    """Inspections held by an office the person may see, or including one of their agencies."""
    mine = agencies_for_staff(user).values("pk")
    ids = Inspection.objects.filter(Q(office__in=mine) | Q(agencies__in=mine)).values("pk")
    return Inspection.objects.filter(pk__in=ids).select_related("office")


def get_inspection(user: AnyUser, pk: int) -> Inspection:
    found = inspections_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def inspection_actions(user: AnyUser, inspection: Inspection) -> list[str]:
    return INSPECTION.for_roles(inspection.status, roles_in(user, inspection.office))


def rectifications_for(user: AnyUser) -> QuerySet[Rectification]:
    return Rectification.objects.filter(agency__in=agencies_for_staff(user).values("pk")).select_related(
        "agency", "finding", "finding__inspection", "finding__letter"
    )


def get_rectification(user: AnyUser, pk: int) -> Rectification:
    found = rectifications_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def rectification_actions(user: AnyUser, rectification: Rectification) -> list[str]:
    return RECTIFICATION.for_roles(rectification.status, roles_in(user, rectification.agency))


def is_overdue(rectification: Rectification, today: datetime.date | None = None) -> bool:
    """Not closed and its due date past, on the one working-day clock's dates."""
    today = today or timezone.localdate()
    return rectification.status in OPEN_RECTIFICATION and today > rectification.due_date


def overdue_rectifications(user: AnyUser, today: datetime.date | None = None) -> QuerySet[Rectification]:
    """The open rectifications past their due date in the subtrees the person inspects."""
    today = today or timezone.localdate()
    return (
        Rectification.objects.filter(
            agency__in=inspected_agencies(user).values("pk"),
            status__in=OPEN_RECTIFICATION,
            due_date__lt=today,
        )
        .select_related("agency", "finding", "finding__inspection")
        .order_by("due_date", "pk")
    )


def get_agency(user: AnyUser, code: str) -> Agency:
    found = agencies_for_staff(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    return found


def findings_of(agency: Agency) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(agency=agency)
        .select_related("inspection", "letter", "rectification", "item")
        .order_by("-found_on", "-pk")
    )


def complaints_about(agency: Agency) -> QuerySet[Letter]:
    """Letters complaining about the agency (the agency the writer addressed)."""
    return Letter.objects.filter(addressed_to=agency, kind__in=COMPLAINT_KINDS).order_by(
        "-received_on", "-pk"
    )
