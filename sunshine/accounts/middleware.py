"""Keeps the second factor's promise on every path (docs/security.md#second-factor). Runs after
django-otp's ``OTPMiddleware``, which tells whether the session's sign-in was verified with a code.

- A person with a second factor whose session was not verified (signed in some other way than the
  staff sign-in's two steps, e.g. the admin site's own form) is sent to the code page from every staff
  and admin page, and is nobody for the API's session sign-in.
- While ``SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS`` is on, an administrator or superuser without one
  is sent to set it up from every staff and admin page, and is nobody for the API's session sign-in.

The sign-in pages, sign-out and the second factor's own pages stay open."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from sunshine.accounts import second_factor

GUARDED = ("/staff/", "/admin/")


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("backoffice:login"),
        reverse("backoffice:logout"),
        reverse("backoffice:two_factor"),  # and the pages under it
        reverse("admin:logout"),
    )


def _needs(request: HttpRequest) -> str:
    """ "code", "enrol" or "" for the signed-in person of ``request``."""
    user = request.user
    if not user.is_authenticated:
        return ""
    verified = getattr(user, "is_verified", None)
    if callable(verified) and verified():
        return ""
    if second_factor.has_device(user):
        return "code"
    if second_factor.required_for(user):
        return "enrol"
    return ""


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith("/api/"):
            if _needs(request):
                request.user = AnonymousUser()
        elif path.startswith(GUARDED) and not path.startswith(_open_paths()):
            needs = _needs(request)
            if needs:
                target = reverse("backoffice:login_code" if needs == "code" else "backoffice:two_factor")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
