"""The staff's second factor on the pages (docs/security.md#second-factor): the sign-in's second step
(``/staff/login/code/``) and the account's page where one sets it up, reads the recovery codes once
and removes it (``/staff/account/two-factor/``)."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login  # type: ignore[import-untyped] # django-otp ships no types

from sunshine.accounts import second_factor

PENDING_SESSION_KEY = "accounts.second_step"  # who gave the right password, until the code
RECOVERY_SESSION_KEY = "accounts.recovery_codes"  # shown once after setting up


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


def _safe_next(request: HttpRequest, wanted: str | None) -> str:
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """The password, then the code for those who have a second factor: they are not signed in until
    the code is right (``login_code``)."""

    template_name = "backoffice/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not second_factor.has_device(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_SESSION_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "tries": 0,
            "next": self.get_redirect_url(),
        }
        return redirect("backoffice:login_code")


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > settings.SUNSHINE_SECOND_STEP_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None
    return pending


def _person(request: HttpRequest) -> tuple[Any, dict[str, Any] | None]:
    """Who gives the code: the person who has just given the password, or a signed-in person whose
    session is not verified yet (signed in on the admin site's form)."""
    if request.user.is_authenticated:
        return request.user, None
    pending = _pending(request)
    if pending is None:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponseBase:
    """The sign-in's second step: the code of the authenticator app, or a recovery code."""
    user, pending = _person(request)
    if user is None:
        return redirect("backoffice:login")
    wanted = pending["next"] if pending is not None else request.GET.get("next") or request.POST.get("next")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify_code(user=user, code=form.cleaned_data["code"], where="sign_in")
        if device is not None:
            if pending is not None:
                request.session.pop(PENDING_SESSION_KEY, None)
                auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(_safe_next(request, wanted))
        if pending is not None:
            pending["tries"] = int(pending.get("tries", 0)) + 1
            if pending["tries"] >= settings.SUNSHINE_SECOND_STEP_TRIES:
                request.session.pop(PENDING_SESSION_KEY, None)
                return redirect(f"{reverse('backoffice:login')}?again=1")
            request.session[PENDING_SESSION_KEY] = pending
        form.add_error(
            "code",
            _(
                "The code is not right, or was used already. Wait for the next code of the app and "
                "try again; after several wrong codes each new try waits a little longer."
            ),
        )
    context = {"form": form, "next": wanted or ""}
    return render(request, "backoffice/login_code.html", context, status=200)


def _signed_in(request: HttpRequest) -> AbstractBaseUser:
    """The person of a view behind ``login_required``."""
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    return user


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    """Whether the person has a second factor; the way to set it up or to remove it."""
    context = {
        "device": second_factor.app_device(request.user),
        "required": second_factor.required_for(request.user),
        "form": CodeForm(),
        "next": request.GET.get("next", ""),
    }
    return _page(request, "backoffice/two_factor/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with the first code the app shows."""
    user = _signed_in(request)
    if second_factor.has_device(user):
        return redirect("backoffice:two_factor")
    device = second_factor.pending_device(user)
    if request.method == "GET" or device is None:
        device = second_factor.start_enrolment(user=user)
        form = CodeForm()
    else:
        form = CodeForm(request.POST)
        if form.is_valid():
            enrolled = second_factor.confirm_enrolment(
                user=user,
                device=device,
                code=form.cleaned_data["code"],
            )
            if enrolled is not None:
                otp_login(request, enrolled.device)
                request.session[RECOVERY_SESSION_KEY] = enrolled.recovery_codes
                return redirect("backoffice:two_factor_recovery")
            form.add_error("code", _("The code is not right. Type the code the app shows now."))
    context = {
        "qr": second_factor.qr_svg(device),
        "secret": second_factor.secret_text(device),
        "form": form,
        "next": request.GET.get("next", ""),
    }
    return _page(request, "backoffice/two_factor/setup.html", context, status=200)


@login_required
@never_cache
def recovery(request: HttpRequest) -> HttpResponse:
    """The recovery codes, once: a reload shows them no more."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect("backoffice:two_factor")
    return _page(request, "backoffice/two_factor/recovery.html", {"codes": codes})


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Remove the second factor, with a current code (or a recovery code). Refused to those who must
    have one."""
    user = _signed_in(request)
    form = CodeForm(request.POST)
    device = second_factor.app_device(user)
    problem = ""
    if device is None:
        return redirect("backoffice:two_factor")
    if second_factor.required_for(user):
        problem = _(
            "Administrators must keep a second factor. To move it to a new phone, ask another "
            "administrator to remove it in the administration site, then set it up again."
        )
    elif form.is_valid():
        if second_factor.verify_code(user=user, code=form.cleaned_data["code"], where="remove") is not None:
            second_factor.remove_devices(user=user, by=user)
            return redirect(f"{reverse('backoffice:two_factor')}?removed=1")
        form.add_error("code", _("The code is not right. Nothing was changed."))
    context = {
        "device": device,
        "required": second_factor.required_for(user),
        "form": form,
        "problem": problem,
    }
    return _page(request, "backoffice/two_factor/overview.html", context, status=400 if problem else 200)
