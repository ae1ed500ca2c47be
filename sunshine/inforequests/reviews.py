"""Administrative reconsideration and litigation attached to a request (annual report table 4)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.core.workflow import WorkflowForbidden
from sunshine.inforequests.codes import ReviewKind, ReviewResult
from sunshine.inforequests.models import InfoRequest, Review
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import may_act
from sunshine.inforequests.services import RequestError


@transaction.atomic
def add_review(
    *,
    request: InfoRequest,
    by: Any,
    kind: str,
    filed_on: datetime.date,
    result: str = ReviewResult.PENDING,
    decided_on: datetime.date | None = None,
) -> Review:
    if by is not None and not may_act(by, request.agency, HANDLING_ROLES):
        # Supervisors, reviewers and signers read the request; those who handle it record its cases.
        raise WorkflowForbidden(_("Only those who handle the agency's requests record their reviews."))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if kind not in ReviewKind.values:
        errors["kind"] = _("Choose the kind of review.")
    if result not in ReviewResult.values:
        errors["result"] = _("Choose the result.")
    if filed_on > today:
        errors["filed_on"] = _("The date cannot be in the future.")
    if result == ReviewResult.PENDING and decided_on is not None:
        errors["decided_on"] = _("A pending case has no decision date.")
    if result != ReviewResult.PENDING and decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    if decided_on is not None and (decided_on < filed_on or decided_on > today):
        errors["decided_on"] = _("The decision date must be between the filing date and today.")
    if errors:
        raise RequestError(422, "validation_error", _("Some of the input is not valid."), errors)
    review = Review.objects.create(
        request=request, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on
    )
    audit.record(
        actor=by,
        action="inforequest.review.add",
        obj=review,
        after=audit.snapshot(review, ["request", "kind", "filed_on", "result", "decided_on"]),
        agency=request.agency,
    )
    return review
