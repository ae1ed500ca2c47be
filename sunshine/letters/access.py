"""Tracking codes and the writer's secret access key.

As for requests (sunshine/inforequests/access.py), the key is derived from a per-letter salt with the
site's secret, so the database never holds it, yet a repeated submission (Idempotency-Key) can show
it again. Letter codes begin with ``X`` (信) so they are never mistaken for a request's.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from sunshine.core import access_keys
from sunshine.letters.models import Letter

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.letters.access-key"
normalize_key = access_keys.normalize_key
new_salt = access_keys.new_salt


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


def access_key_for(letter: Letter) -> str:
    return access_keys.derive(KEY_SALT, letter.tracking_code, letter.access_salt)


def key_matches(letter: Letter, key: str | None) -> bool:
    return access_keys.matches(KEY_SALT, letter.tracking_code, letter.access_salt, key)
