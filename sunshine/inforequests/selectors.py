"""Reads of requests: staff see their agencies' requests; the applicant sees one with the key."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency, Role
from sunshine.agencies.selectors import agencies_for_staff, ancestor_ids, roles_in
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.roles import HANDLING_ROLES

AnyUser = AbstractBaseUser | AnonymousUser


def requests_for_staff(user: AnyUser) -> QuerySet[InfoRequest]:
    """Requests to the agencies whose non-public data ``user`` may see."""
    return InfoRequest.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency")


def get_request_for_staff(user: AnyUser, pk: int) -> InfoRequest:
    try:
        return requests_for_staff(user).get(pk=pk)
    except InfoRequest.DoesNotExist as exc:
        raise Http404(pk) from exc


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (a tree role held above counts;
    superusers hold every role)."""
    return bool(roles_in(user, agency) & frozenset(roles))


def roles_for(user: AnyUser, agency: Agency) -> frozenset[str]:
    """The roles ``user`` holds for ``agency`` (tree roles held above included)."""
    return frozenset(roles_in(user, agency))


def actions_for(user: AnyUser, request: InfoRequest) -> list[str]:
    """The actions the request's status allows that ``user`` may take (the buttons staff are shown)."""
    from sunshine.inforequests.actions import WORKFLOW  # the declarations use the checks above

    return WORKFLOW.for_roles(request.status, roles_in(user, request.agency))


def may_reply_directly(user: AnyUser | None, agency: Agency) -> bool:
    """Whether ``user`` may send a reply that was not reviewed and signed: the disclosure office of
    the agency or above it, superusers, and the system itself (imports, the demo)."""
    return user is None or may_act(user, agency, {Role.DISCLOSURE_OFFICE})


def may_handle(user: AnyUser, request: InfoRequest) -> bool:
    """Whether ``user`` handles the request's agency: assigns officers (officers, disclosure office)."""
    return may_act(user, request.agency, HANDLING_ROLES)


def agencies_to_register_for(user: AnyUser) -> QuerySet[Agency]:
    """Agencies for which ``user`` may register a request received on paper: officers of the agency,
    the disclosure office of it or above it, superusers."""
    return agencies_for_staff(user, roles=HANDLING_ROLES)


def extension_approvers(agency: Agency) -> QuerySet[User]:
    """Active people who may approve an extension of the agency's requests (条例 Art. 33): its signers,
    and the disclosure office of the agency or of any agency above it."""
    memberships = Q(memberships__role=Role.SIGNER, memberships__agency_id=agency.pk) | Q(
        memberships__role=Role.DISCLOSURE_OFFICE, memberships__agency_id__in=ancestor_ids(agency)
    )
    return (
        get_user_model()
        .objects.filter(memberships, is_active=True, memberships__agency__is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def get_request_by_link(tracking_code: str, token: str | None) -> InfoRequest:
    """The request a private link opens; 404 when the link is wrong or was ended by a new key."""
    request = (
        InfoRequest.objects.select_related("agency")
        .filter(tracking_code=access.normalize_code(tracking_code))
        .first()
    )
    if request is None or not access.link_matches(request, token):
        raise Http404(tracking_code)
    return request


def get_request_of_session(tracking_code: str) -> InfoRequest | None:
    """The request a portal session has just sent (its tracking code kept in the session), or None.

    Only for a code the server put in the session itself: a code typed by a visitor needs the key."""
    return (
        InfoRequest.objects.select_related("agency")
        .filter(tracking_code=access.normalize_code(tracking_code))
        .first()
    )


def get_request_for_applicant(tracking_code: str, key: str | None) -> InfoRequest:
    """The request whose tracking code and access key both match; 404 otherwise (no hint which)."""
    request = (
        InfoRequest.objects.select_related("agency")
        .filter(tracking_code=access.normalize_code(tracking_code))
        .first()
    )
    if request is None or not access.key_matches(request, key):
        raise Http404(tracking_code)
    return request
