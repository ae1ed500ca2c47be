"""What a person sees when django-axes has locked their account after repeated failures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sunshine.api.errors import error_response


def lockout_message() -> str:
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return _("Too many failed sign-in attempts. This account is locked for %(minutes)d minutes.") % {
        "minutes": minutes
    }


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    if request.path.startswith("/api/"):
        return error_response(429, "account_locked", lockout_message())
    return render(request, "backoffice/locked.html", {"message": lockout_message()}, status=429)
