"""Who may see and work on which annual report."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.annualreports.actions.roles import READER_ROLES
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.annualreports.proactive import empty_documents
from sunshine.annualreports.report import AnnualReport, Scope
from sunshine.annualreports.tables import applications_checks, reviews_checks

AnyUser = AbstractBaseUser | AnonymousUser


def report_agencies_for(user: AnyUser, roles: Iterable[str] = READER_ROLES) -> QuerySet[Agency]:
    """Agencies whose annual reports ``user`` may work on in one of ``roles``."""
    return agencies_for_staff(user, roles=roles).filter(is_active=True)


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return report_agencies_for(user, roles).filter(pk=agency.pk).exists()


def get_report_agency_for_staff(user: AnyUser, code: str) -> Agency:
    if not user.is_authenticated:
        raise PermissionDenied
    agency = report_agencies_for(user).filter(code=code).first()
    if agency is None:
        if getattr(user, "is_superuser", False):
            agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise Http404(code)
    return agency


def published_report(agency: Agency, year: int) -> AnnualReportDraft | None:
    """The published report of an agency for a year, if any: what the public may read."""
    return AnnualReportDraft.objects.filter(agency=agency, year=year, status=ReportStatus.PUBLISHED).first()


def frozen_report(draft: AnnualReportDraft) -> AnnualReport:
    """The tables as they were published, with the figures entered on the draft."""
    applications = draft.published_tables["applications"]
    reviews = draft.published_tables["reviews"]
    return AnnualReport(
        agency=draft.agency,
        year=draft.year,
        scope=draft.published_tables.get("scope", Scope.SELF),
        applications=applications,
        reviews=reviews,
        checks=applications_checks(applications) + reviews_checks(reviews),
        documents=draft.published_tables.get("documents") or empty_documents(),
    ).with_decisions(draft)
