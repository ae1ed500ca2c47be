"""Tracking codes and the applicant's secret access key.

The key is derived from a per-request salt with the site's secret (as Django signs sessions), so the
database never holds it, yet it can be shown again for a repeated submission (Idempotency-Key).
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.urls import reverse

from sunshine.core import access_keys
from sunshine.inforequests.models import InfoRequest

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
KEY_SALT = "sunshine.inforequests.access-key"
LINK_SALT = "sunshine.inforequests.private-link"
LINK_CHARS = 32
# Kept here for the callers that normalise what an applicant typed.
normalize_key = access_keys.normalize_key
new_salt = access_keys.new_salt


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


def access_key_for(request: InfoRequest) -> str:
    return access_keys.derive(KEY_SALT, request.tracking_code, request.access_salt)


def key_matches(request: InfoRequest, key: str | None) -> bool:
    return access_keys.matches(KEY_SALT, request.tracking_code, request.access_salt, key)


# --- The private link ------------------------------------------------------------------------------
# A link that opens the request without typing anything (sent in every e-mail to the applicant). It is
# signed with the site's secret over the request's salt, like the key, and is not the key: a new key
# (a new salt, ``services.renew_access``) ends both the old key and every link sent before.


def link_token_for(request: InfoRequest) -> str:
    return access_keys.derive(LINK_SALT, request.tracking_code, request.access_salt, length=LINK_CHARS)


def link_matches(request: InfoRequest, token: str | None) -> bool:
    return access_keys.matches(
        LINK_SALT, request.tracking_code, request.access_salt, token, length=LINK_CHARS
    )


def private_path(request: InfoRequest) -> str:
    """The path of the request's private page (``portal:request_private``)."""
    return reverse("portal:request_private", args=[request.tracking_code, link_token_for(request)])
