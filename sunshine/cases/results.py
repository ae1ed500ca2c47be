"""The public list of decided cases (办件公示, docs/cases.md#results-disclosure): for each decided
case of a public agency, the tracking code, the service, the agency, the result and the day of the
decision, with the applicant as the agency publishes names: a natural person masked by the agency's
rule (张**), an organisation by its name.

Never the identity number, the phone, the e-mail or the address; never the reasons of a decision
(they may name people or their circumstances), for approvals and denials alike.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from sunshine.agencies.models import Agency
from sunshine.cases.codes import Result, Status
from sunshine.cases.models import Case
from sunshine.core.pagination import page_slice
from sunshine.inforequests.codes import ApplicantKind
from sunshine.records.privacy_scan import NameRule, mask_name

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
DECIDED = (Status.DECIDED, Status.DELIVERED)


def decided_cases() -> QuerySet[Case]:
    """Every decided case of a public agency, the latest decision first."""
    return (
        Case.objects.filter(status__in=DECIDED, decided_on__isnull=False, result__in=Result.values)
        .filter(agency__is_active=True)
        .select_related("agency", "item", "version")
        .order_by("-decided_on", "-id")
    )


def masked_applicant(case: Case) -> str:
    """The applicant as published: a person's name masked by the agency's rule, an organisation's
    name as it is."""
    name = " ".join(case.applicant_name.split())
    if case.applicant_kind != ApplicantKind.NATURAL_PERSON:
        return name
    return mask_name(name, str(case.agency.name_masking or NameRule.SURNAME)) if name else ""


def result_data(case: Case) -> dict[str, Any]:
    return {
        "tracking_code": case.tracking_code,
        "service": case.item.code,
        "service_name": case.version.name,
        "agency": {"code": case.agency.code, "name": case.agency.name},
        "applicant": masked_applicant(case),
        "result": case.result,
        "result_label": str(Result(case.result).label),
        "decided_on": case.decided_on,
    }


@dataclass(frozen=True)
class ResultPage:
    count: int
    page: int
    page_size: int
    cases: list[Case] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search(
    *,
    agency: Agency | None = None,
    service: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> ResultPage:
    """One page of decided cases: of ``agency`` and those below it, of the service ``service``
    (its code), decided from ``since`` to ``until`` (both included). The caller checks the bounds."""
    found = decided_cases()
    if agency is not None:
        found = found.filter(agency__path__startswith=agency.path)
    if service:
        found = found.filter(item__code=service)
    if since is not None:
        found = found.filter(decided_on__gte=since)
    if until is not None:
        found = found.filter(decided_on__lte=until)
    return ResultPage(found.count(), page, page_size, list(found[page_slice(page, page_size)]))
