"""Tracking codes and the applicant's secret access key.

The key is derived from a per-request salt with the site's secret (as Django signs sessions), so the
database never holds it, yet it can be shown again for a repeated submission (Idempotency-Key).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from sunshine.inforequests.models import InfoRequest

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.inforequests.access-key"


def new_tracking_code(year: int) -> str:
    while True:
        code = f"{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not InfoRequest.objects.filter(tracking_code=code).exists():
            return code


def new_salt() -> str:
    return secrets.token_hex(16)


def _key(tracking_code: str, salt: str, secret: str) -> str:
    return salted_hmac(KEY_SALT, f"{tracking_code}:{salt}", secret=secret, algorithm="sha256").hexdigest()[
        :24
    ]


def access_key_for(request: InfoRequest) -> str:
    return _key(request.tracking_code, request.access_salt, settings.SECRET_KEY)


def key_matches(request: InfoRequest, key: str | None) -> bool:
    if not key:
        return False
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(_key(request.tracking_code, request.access_salt, s), key.strip())
        for s in secrets_to_try
    )
