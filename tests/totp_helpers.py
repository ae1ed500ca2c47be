"""Helpers for the tests of the second factor (sunshine/accounts/second_factor.py): the codes a phone's
authenticator app would show, and a person with a second factor already set up."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django_otp.oath import TOTP  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped] # django-otp ships no types

from sunshine.accounts import second_factor


def code_of(device: TOTPDevice) -> str:
    """The code the app shows now. The device forgets its last used code and its wrong tries first,
    as if the next half-minute had come (a code is accepted once)."""
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def enrol(user: AbstractBaseUser) -> tuple[TOTPDevice, list[str]]:
    """Set up the person's second factor through the service; the device and the recovery codes."""
    device = second_factor.start_enrolment(user=user)
    enrolled = second_factor.confirm_enrolment(user=user, device=device, code=code_of(device))
    assert enrolled is not None
    return enrolled.device, enrolled.recovery_codes
