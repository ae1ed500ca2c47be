"""Who in the agency handles a request: the assigned officer, set by staff, with an audit row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import may_handle, requests_for_staff
from sunshine.inforequests.services import RequestError

AnyUser = AbstractBaseUser | AnonymousUser


def assignable_officers(request: InfoRequest) -> QuerySet[User]:
    """Active people who may be given the request to handle, by name: those who hold a handling
    role (information officer, disclosure office) in the request's own agency. Supervisors,
    reviewers and signers read requests; nobody is given one of them to handle."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency_id=request.agency_id,
            memberships__role__in=HANDLING_ROLES,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def assign(*, request: InfoRequest, officer: AbstractBaseUser | None, by: AnyUser | None) -> InfoRequest:
    """Make ``officer`` (a person of the request's agency) the one who handles it; None clears it.

    ``by`` must be able to see the request and handle its agency (an officer of it, its disclosure
    office; PermissionDenied otherwise); a person who holds no role in the request's agency cannot be
    assigned (RequestError 422, nothing changes).
    """
    if by is not None and not requests_for_staff(by).filter(pk=request.pk).exists():
        raise PermissionDenied
    if by is not None and not may_handle(by, request):
        raise PermissionDenied
    if officer is not None and not assignable_officers(request).filter(pk=officer.pk).exists():
        raise RequestError(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {
                "officer": _(
                    "Only an information officer or the disclosure office of this agency can handle its "
                    "requests."
                )
            },
        )
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    before = {"assigned_to": request.assigned_to_id}
    new_id = officer.pk if officer is not None else None
    if before["assigned_to"] == new_id:
        return request
    request.assigned_to_id = new_id
    request.save(update_fields=["assigned_to", "updated_at"])
    audit.record(
        actor=by,
        action="inforequest.assign",
        obj=request,
        before=before,
        after={"assigned_to": new_id},
        agency=request.agency,
    )
    return request
