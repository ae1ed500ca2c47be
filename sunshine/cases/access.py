"""Tracking codes and the applicant's secret access key, as for requests and letters
(sunshine.core.access_keys): the key is derived, never stored. Case codes begin with ``B`` (办)."""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.urls import reverse

from sunshine.cases.models import Case
from sunshine.core import access_keys

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.cases.access-key"
LINK_SALT = "sunshine.cases.private-link"
LINK_CHARS = 32
new_salt = access_keys.new_salt


def new_tracking_code(year: int) -> str:
    while True:
        code = f"B{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not Case.objects.filter(tracking_code=code).exists():
            return code


_CODE = re.compile(r"B(\d{4})-?([0-9A-Z]{8})")


def normalize_code(typed: str | None) -> str:
    text = unicodedata.normalize("NFKC", typed or "").upper()
    text = re.sub(r"[\s_—–－-]+", "", text)
    found = _CODE.fullmatch(text)
    return f"B{found[1]}-{found[2]}" if found else text


def access_key_for(case: Case) -> str:
    return access_keys.derive(KEY_SALT, case.tracking_code, case.access_salt)


def key_matches(case: Case, key: str | None) -> bool:
    return access_keys.matches(KEY_SALT, case.tracking_code, case.access_salt, key)


# --- The private link --------------------------------------------------------------------------------
# Opens the case page without typing anything (shown once after applying, sent in every notice). Signed
# over the case's salt like the key, and not the key.


def link_token_for(case: Case) -> str:
    return access_keys.derive(LINK_SALT, case.tracking_code, case.access_salt, length=LINK_CHARS)


def link_matches(case: Case, token: str | None) -> bool:
    return access_keys.matches(LINK_SALT, case.tracking_code, case.access_salt, token, length=LINK_CHARS)


def private_path(case: Case) -> str:
    """The path of the case's private page (``cases:private``)."""
    return reverse("cases:private", args=[case.tracking_code, link_token_for(case)])
