"""Reads of requests: staff see their agencies' requests; the applicant sees one with the key."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest

AnyUser = AbstractBaseUser | AnonymousUser


def requests_for_staff(user: AnyUser) -> QuerySet[InfoRequest]:
    """Requests to the agencies whose non-public data ``user`` may see."""
    return InfoRequest.objects.filter(agency__in=agencies_for_staff(user)).select_related("agency")


def get_request_for_staff(user: AnyUser, pk: int) -> InfoRequest:
    try:
        return requests_for_staff(user).get(pk=pk)
    except InfoRequest.DoesNotExist as exc:
        raise Http404(pk) from exc


def get_request_for_applicant(tracking_code: str, key: str | None) -> InfoRequest:
    """The request whose tracking code and access key both match; 404 otherwise (no hint which)."""
    request = (
        InfoRequest.objects.select_related("agency")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )
    if request is None or not access.key_matches(request, key):
        raise Http404(tracking_code)
    return request
