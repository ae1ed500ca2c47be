"""Which parts of the back office a person is offered: the links follow the same permission
checks as the pages behind them (a link never leads to a 403)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from sunshine.agencies.selectors import agencies_for_staff, audit_scope, can_administer
from sunshine.inforequests.selectors import agencies_to_register_for
from sunshine.solicitations.selectors import works_on_solicitations
from sunshine.supervision.selectors import may_supervise_any
from sunshine.surveys.selectors import works_on_surveys

AnyUser = AbstractBaseUser | AnonymousUser


def may_read_audit(user: AnyUser) -> bool:
    """Superusers, supervisors and administrators (see ``agencies.selectors.audit_scope``)."""
    try:
        audit_scope(user)
    except PermissionDenied:
        return False
    return True


@dataclass(frozen=True)
class StaffLinks:
    requests: bool  # the queue: people with at least one agency
    register: bool  # registration of paper requests: officers and the disclosure office
    records: bool  # records and annual reports: the same people, each page narrowing by role
    audit: bool
    calendar: bool  # the working-day calendar: administrators
    administration: bool
    # 政民互动: letters (with the requests) and common questions (with the records), solicitations
    # and surveys: the people whose roles open them in at least one agency.
    solicitations: bool = False
    surveys: bool = False
    # Service guides (网上办事): the people with at least one agency (the list shows its items).
    eservices: bool = False
    # Service cases (办件): the same people; the queue shows the cases of their agencies.
    cases: bool = False
    # Electronic supervision (电子监察): the disclosure office and supervisors (their subtrees).
    supervision: bool = False
    # Ratings (好差评) and their rectifications: the people with at least one agency.
    evaluations: bool = False
    # 监督考核: the indicators (the disclosure office and supervisors), inspections and their
    # rectifications and the disclosure ledger (the people with at least one agency: they answer
    # rectifications and keep their ledger).
    indicators: bool = False
    inspections: bool = False
    ledger: bool = False
    sitehealth: bool = False  # website health: the disclosure office and supervisors
    imports: bool = False  # imports of agencies and staff accounts from a file: administrators
    # New-media accounts (政务新媒体): the people with at least one agency (the list shows its accounts).
    newmedia: bool = False

    @classmethod
    def none(cls) -> StaffLinks:
        return cls(False, False, False, False, False, False)

    @property
    def interaction(self) -> bool:
        """The 政民互动 group: at least one of its pages is open to the person."""
        return self.requests or self.records or self.solicitations or self.surveys or self.newmedia

    @property
    def oversight(self) -> bool:
        """The 监督考核 group: indicators, inspections, the ledger, website health."""
        return self.indicators or self.inspections or self.ledger or self.sitehealth

    @property
    def services_online(self) -> bool:
        """The 网上办事 group: guides, supervision, ratings (the cases stay a link of their own)."""
        return self.eservices or self.supervision or self.evaluations


def staff_links(user: AnyUser) -> StaffLinks:
    if not user.is_authenticated:
        return StaffLinks.none()
    administers = can_administer(user)
    has_agency = agencies_for_staff(user).exists()
    supervises = may_supervise_any(user)
    return StaffLinks(
        requests=has_agency,
        register=has_agency and agencies_to_register_for(user).exists(),
        records=has_agency,
        audit=may_read_audit(user),
        calendar=administers,
        administration=administers,
        solicitations=works_on_solicitations(user),
        surveys=works_on_surveys(user),
        eservices=has_agency,
        cases=has_agency,
        supervision=supervises,
        evaluations=has_agency,
        indicators=supervises,
        inspections=has_agency,
        ledger=has_agency,
        sitehealth=supervises,
        imports=administers,
        newmedia=has_agency,
    )
