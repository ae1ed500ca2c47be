"""What annual reports wait on a person's desk (docs/workflows.md#desks), always for the acting user.

- ``waiting_for_review``: reports submitted for review in the agencies where the person is a reviewer;
- ``waiting_for_sign_off``: reports approved, where the person is a signer;
- ``returned_to``: reports returned to the drafter and not submitted again, that the person opened or
  whose agency's disclosure office they are (held in that agency itself: the office above drafts its
  own report, not the reports below it).

The roles are those of the declarations (``actions.roles``). The audit log is the report's history
(``actions.workflow``): ``waiting_since`` is the time of the step that put the report where it is and
``returned_by_id`` who returned it; the comments are the report's ``review_comments``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from sunshine.agencies.models import Membership
from sunshine.annualreports.actions.roles import DRAFTER_ROLES, REVIEWER_ROLES, SIGNER_ROLES
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.annualreports.selectors import AnyUser, report_agencies_for
from sunshine.core.audit_queries import newest_entry

SUBMIT, APPROVE, RETURN = "annualreport.submit", "annualreport.approve", "annualreport.return"


def _waiting(user: AnyUser, status: str, roles: frozenset[str], step: str) -> QuerySet[AnnualReportDraft]:
    return (
        AnnualReportDraft.objects.filter(status=status, agency__in=report_agencies_for(user, roles))
        .select_related("agency")
        .annotate(waiting_since=Coalesce(newest_entry(AnnualReportDraft, [step]), "updated_at"))
    )


def waiting_for_review(user: AnyUser) -> QuerySet[AnnualReportDraft]:
    return _waiting(user, ReportStatus.SUBMITTED, REVIEWER_ROLES, SUBMIT)


def waiting_for_sign_off(user: AnyUser) -> QuerySet[AnnualReportDraft]:
    return _waiting(user, ReportStatus.APPROVED, SIGNER_ROLES, APPROVE)


def returned_to(user: AnyUser) -> QuerySet[AnnualReportDraft]:
    if not user.is_authenticated:
        return AnnualReportDraft.objects.none()
    own_office = Membership.objects.filter(user_id=user.pk, agency=OuterRef("agency"), role__in=DRAFTER_ROLES)
    return (
        AnnualReportDraft.objects.filter(
            status=ReportStatus.DRAFT, agency__in=report_agencies_for(user, DRAFTER_ROLES)
        )
        .filter(Q(created_by=user.pk) | Exists(own_office))
        .annotate(
            last_step=newest_entry(AnnualReportDraft, [SUBMIT, RETURN], "action"),
            waiting_since=newest_entry(AnnualReportDraft, [RETURN]),
            returned_by_id=newest_entry(AnnualReportDraft, [RETURN], "actor"),
        )
        .filter(last_step=RETURN)
        .select_related("agency")
    )
