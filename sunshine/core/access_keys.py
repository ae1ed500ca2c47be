"""Secret keys that let the public open what they sent (a request, a letter) without an account.

A key is derived from the object's tracking code and a per-object salt with the site's secret (as
Django signs sessions), so the database never holds it, yet it can be shown again for a repeated
submission. Keys derived with an older secret (``SECRET_KEY_FALLBACKS``) still match, so rotating
the secret does not lock anyone out. Each use names its own ``purpose`` (the HMAC's salt)."""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

KEY_CHARS = 24


def normalize_key(typed: str | None) -> str:
    """A key as typed: in any case, with spaces, dashes or full-width characters."""
    text = unicodedata.normalize("NFKC", typed or "").lower()
    return re.sub(r"[\s_—–－-]+", "", text)


def new_salt() -> str:
    return secrets.token_hex(16)


def derive(
    purpose: str, tracking_code: str, salt: str, *, secret: str | None = None, length: int = KEY_CHARS
) -> str:
    value = f"{tracking_code}:{salt}"
    digest = salted_hmac(purpose, value, secret=secret or settings.SECRET_KEY, algorithm="sha256")
    return digest.hexdigest()[:length]


def matches(
    purpose: str, tracking_code: str, salt: str, typed: str | None, *, length: int = KEY_CHARS
) -> bool:
    """Whether ``typed`` is the key, under the current secret or a fallback."""
    key = normalize_key(typed)
    if not key:
        return False
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(derive(purpose, tracking_code, salt, secret=s, length=length), key)
        for s in secrets_to_try
    )
