"""Tracking codes and the applicant's secret access key.

The key is derived from a per-request salt with the site's secret (as Django signs sessions), so the
database never holds it, yet it can be shown again for a repeated submission (Idempotency-Key).
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from sunshine.inforequests.models import InfoRequest

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.inforequests.access-key"
LINK_SALT = "sunshine.inforequests.private-link"


def new_tracking_code(year: int) -> str:
    while True:
        code = f"{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not InfoRequest.objects.filter(tracking_code=code).exists():
            return code


_CODE = re.compile(r"(\d{4})-?([0-9A-Z]{8})")


def normalize_code(typed: str | None) -> str:
    """A tracking code as the applicant may type it: in any case, with full-width characters (a
    Chinese input method), spaces, or without its dash. ``2026abcd2345`` → ``2026-ABCD2345``."""
    text = unicodedata.normalize("NFKC", typed or "").upper()
    text = re.sub(r"[\s_—–－-]+", "", text)
    found = _CODE.fullmatch(text)
    return f"{found[1]}-{found[2]}" if found else text


def normalize_key(typed: str | None) -> str:
    """An access key as typed: in any case, with spaces, dashes or full-width characters."""
    text = unicodedata.normalize("NFKC", typed or "").lower()
    return re.sub(r"[\s_—–－-]+", "", text)


def new_salt() -> str:
    return secrets.token_hex(16)


def _key(tracking_code: str, salt: str, secret: str) -> str:
    return salted_hmac(KEY_SALT, f"{tracking_code}:{salt}", secret=secret, algorithm="sha256").hexdigest()[
        :24
    ]


def access_key_for(request: InfoRequest) -> str:
    return _key(request.tracking_code, request.access_salt, settings.SECRET_KEY)


def key_matches(request: InfoRequest, key: str | None) -> bool:
    typed = normalize_key(key)
    if not typed:
        return False
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(_key(request.tracking_code, request.access_salt, s), typed)
        for s in secrets_to_try
    )


# --- The private link ------------------------------------------------------------------------------
# A link that opens the request without typing anything (sent in every e-mail to the applicant). It is
# signed with the site's secret over the request's salt, like the key, and is not the key: a new key
# (a new salt, ``services.renew_access``) ends both the old key and every link sent before.


def _link_token(tracking_code: str, salt: str, secret: str) -> str:
    return salted_hmac(LINK_SALT, f"{tracking_code}:{salt}", secret=secret, algorithm="sha256").hexdigest()[
        :32
    ]


def link_token_for(request: InfoRequest) -> str:
    return _link_token(request.tracking_code, request.access_salt, settings.SECRET_KEY)


def link_matches(request: InfoRequest, token: str | None) -> bool:
    typed = normalize_key(token)
    if not typed:
        return False
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(_link_token(request.tracking_code, request.access_salt, s), typed)
        for s in secrets_to_try
    )


def private_path(request: InfoRequest) -> str:
    """The path of the request's private page (``portal:request_private``)."""
    return reverse("portal:request_private", args=[request.tracking_code, link_token_for(request)])
