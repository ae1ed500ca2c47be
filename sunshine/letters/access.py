"""Tracking codes and the writer's secret access key.

As for requests (sunshine/inforequests/access.py), the key is derived from a per-letter salt with the
site's secret, so the database never holds it, yet a repeated submission (Idempotency-Key) can show
it again. Letter codes begin with ``X`` (信) so they are never mistaken for a request's.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from sunshine.letters.models import Letter

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.letters.access-key"


def new_tracking_code(year: int) -> str:
    while True:
        code = f"X{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not Letter.objects.filter(tracking_code=code).exists():
            return code


_CODE = re.compile(r"X(\d{4})-?([0-9A-Z]{8})")


def normalize_code(typed: str | None) -> str:
    """A tracking code as typed: any case, full-width characters, spaces, without its dash."""
    text = unicodedata.normalize("NFKC", typed or "").upper()
    text = re.sub(r"[\s_—–－-]+", "", text)
    found = _CODE.fullmatch(text)
    return f"X{found[1]}-{found[2]}" if found else text


def normalize_key(typed: str | None) -> str:
    text = unicodedata.normalize("NFKC", typed or "").lower()
    return re.sub(r"[\s_—–－-]+", "", text)


def new_salt() -> str:
    return secrets.token_hex(16)


def _key(tracking_code: str, salt: str, secret: str) -> str:
    return salted_hmac(KEY_SALT, f"{tracking_code}:{salt}", secret=secret, algorithm="sha256").hexdigest()[
        :24
    ]


def access_key_for(letter: Letter) -> str:
    return _key(letter.tracking_code, letter.access_salt, settings.SECRET_KEY)


def key_matches(letter: Letter, key: str | None) -> bool:
    typed = normalize_key(key)
    if not typed:
        return False
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(_key(letter.tracking_code, letter.access_salt, s), typed)
        for s in secrets_to_try
    )
