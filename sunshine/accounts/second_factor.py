"""The staff's second factor (docs/security.md#second-factor), on django-otp: a TOTP app (its TOTP
plugin) and ten recovery codes (its static plugin), each usable once.

- ``start_enrolment`` makes an unconfirmed TOTP device (its secret goes into the QR code);
  ``confirm_enrolment`` confirms it with a first code and makes the recovery codes, shown once;
- ``verify_code`` checks a code against every confirmed device of the person (a recovery code is
  used up); django-otp slows down each device after wrong codes (1, 2, 4 … seconds);
- ``remove_devices`` takes the second factor away (with a current code);
- ``required_for``: administrators and superusers must have one while
  ``SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS`` is on.

Audit rows: ``second_factor.enrol``, ``second_factor.remove``, ``second_factor.fail`` (where the wrong
code was given) and ``second_factor.recovery_used``."""

from __future__ import annotations

import io
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django_otp import devices_for_user, user_has_device  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.models import Device  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped] # django-otp ships no types

from sunshine.agencies.selectors import can_administer
from sunshine.core import audit

AnyUser = AbstractBaseUser | AnonymousUser

APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODES = 10


def has_device(user: AnyUser) -> bool:
    """Whether the person has a confirmed second factor."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def required_for(user: AnyUser) -> bool:
    """Whether the person must have a second factor: administrators and superusers, when the setting
    is on."""
    return bool(settings.SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS) and can_administer(user)


def pending_device(user: AnyUser) -> TOTPDevice | None:
    """The device being set up (made, not yet confirmed with a code)."""
    if user.pk is None:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-pk").first()


def app_device(user: AnyUser) -> TOTPDevice | None:
    if user.pk is None:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


@transaction.atomic
def start_enrolment(*, user: AbstractBaseUser) -> TOTPDevice:
    """A new unconfirmed TOTP device for the person (an earlier unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG QR code, for the authenticator app to scan."""
    code = segno.make_qr(device.config_url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=5, border=4, xmldecl=False, unit="px")
    return out.getvalue().decode("utf-8")


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into the app instead of scanning."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _clean(code: str) -> str:
    return "".join((code or "").split())


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]  # shown once


@transaction.atomic
def confirm_enrolment(*, user: AbstractBaseUser, device: TOTPDevice, code: str) -> Enrolled | None:
    """Confirm ``device`` with a code the app shows; make ten recovery codes. None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user_id=user.pk, confirmed=False)
    if not device.verify_token(_clean(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user_id=user.pk).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    audit.record(actor=user, action="second_factor.enrol", obj=device, after={"recovery_codes": len(codes)})
    return Enrolled(device, codes)


def verify_code(*, user: AbstractBaseUser, code: str, where: str) -> Device | None:
    """The confirmed device that accepts ``code`` (an app's code or a recovery code, which is used
    up), or None, then audited as ``second_factor.fail`` with ``where`` (``sign_in``, ``api``,
    ``remove``)."""
    token = _clean(code)
    found: Device | None = None
    if token:
        with transaction.atomic():
            for device in devices_for_user(user, confirmed=True, for_verify=True):
                if device.verify_token(token):
                    found = device
                    break
    if found is None:
        audit.record(actor=user, action="second_factor.fail", obj=user, after={"where": where})
    elif isinstance(found, StaticDevice):
        left = StaticToken.objects.filter(device=found).count()
        audit.record(actor=user, action="second_factor.recovery_used", obj=found, after={"left": left})
    return found


@transaction.atomic
def remove_devices(*, user: AbstractBaseUser, by: AnyUser) -> int:
    """Take away the person's second factor (app and recovery codes); how many devices went."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        if device.confirmed:
            after: dict[str, Any] = {"device": type(device).__name__, "name": device.name}
            audit.record(actor=by, action="second_factor.remove", obj=device, after=after)
            removed += 1
        device.delete()
    return removed
