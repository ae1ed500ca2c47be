"""Brakes on guessing staff passwords, around django-axes (docs/security.md#guessing-and-lockout).

- axes locks the pair username + client address (``AXES_LOCKOUT_PARAMETERS``) after
  ``AXES_FAILURE_LIMIT`` failures: a guesser elsewhere can no longer lock a person out, and the
  person keeps signing in from their own device and address (the "known device" effect);
- an address that fails ``SUNSHINE_LOGIN_FAILURES_PER_ADDRESS`` times across any usernames is locked
  itself for the cool-off time (``AddressLockHandler``, counted in the cache);
- a password change or reset clears the person's failures (``password_events``);
- a burst of lockouts (``SUNSHINE_LOCKOUT_ALERT_THRESHOLD`` in ``SUNSHINE_LOCKOUT_ALERT_WINDOW``
  seconds) sends one e-mail to the administrators and writes a log line.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.mail import send_mail
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.throttle import AddressCounter

log = logging.getLogger(__name__)


def address_failures() -> AddressCounter:
    """Failed sign-ins from one address across every username, for the cool-off time."""
    cooloff = round(float(settings.AXES_COOLOFF_TIME) * 3600)
    return AddressCounter(
        "accounts:login-failures", int(settings.SUNSHINE_LOGIN_FAILURES_PER_ADDRESS), cooloff
    )


class AddressLockHandler(AxesDatabaseHandler):
    """axes' database handler, also locking an address that failed too often across usernames: its
    failures then count as the limit, so axes refuses it, answers with its lockout page and sends
    ``user_locked_out`` as for any lockout."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        if address_failures().reached(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures


@receiver(user_login_failed, dispatch_uid="sunshine.accounts.guessing.count_address")
def count_address(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is None:
        return
    address_failures().count(request)


def _alert_key() -> str:
    bucket = int(time.time()) // int(settings.SUNSHINE_LOCKOUT_ALERT_WINDOW)
    return f"accounts:lockouts:{bucket}"


def _recipients() -> list[str]:
    admins = [address for _name, address in settings.ADMINS]
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return sorted({*admins, *superusers.values_list("email", flat=True)})


@receiver(user_locked_out, dispatch_uid="sunshine.accounts.guessing.alert_on_burst")
def alert_on_burst(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Count lockouts in the window; the one that reaches the threshold alerts (once a window)."""
    key, window = _alert_key(), int(settings.SUNSHINE_LOCKOUT_ALERT_WINDOW)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    if count != int(settings.SUNSHINE_LOCKOUT_ALERT_THRESHOLD):
        return
    minutes = max(1, window // 60)
    log.warning("Sign-in lockouts: %d in %d minutes; administrators alerted.", count, minutes)
    recipients = _recipients()
    if not recipients:
        return
    subject = _("Sunshine: many sign-in lockouts")
    body = _(
        "There have been %(count)d sign-in lockouts in the last %(minutes)d minutes: someone may be "
        "guessing staff passwords. See the access attempts in the administration site."
    ) % {"count": count, "minutes": minutes}
    send_mail(subject, body, None, recipients)
