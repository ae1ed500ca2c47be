"""The brake on anonymous submissions (docs/security.md#anonymous-submissions): new requests for
information, letters and service cases sent online, on the portal's forms and through the API.

Each submission counts, in Django's cache (shared by every worker when it is Redis), once for the
client's address and once for each contact it gives (e-mail address, phone number; normalized, only
hashes kept), across the three kinds: at most ``SUNSHINE_SUBMISSIONS_PER_ADDRESS`` from one address
and ``SUNSHINE_SUBMISSIONS_PER_CONTACT`` for one contact in a window of
``SUNSHINE_SUBMISSIONS_WINDOW`` seconds (fixed, from the first). Past either, ``TooManySubmissions``
(429 ``too_many_submissions`` with ``Retry-After`` in the API; the form shown again with what was
typed and the reason on the page) and nothing is stored. The counting is ``key_tries``' own.

The acknowledgement (the receipt e-mail of a request, the "received" message of a case) goes to one
address at most once an hour (``may_acknowledge``), unless the address is confirmed: someone there
opened a private link that only a message to that address carries (``confirm``), which is then
remembered ``SUNSHINE_CONFIRMED_CONTACT_DAYS`` days (``with_confirmation`` marks the link with a
signed hash of the contact, ``confirm_from`` reads it). Later submissions are stored and answered as
usual, their tracking code shown on the page and in the API's answer; only the message is not
repeated."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.key_tries import Refusal, count_in, shut
from sunshine.core.middleware import request_ip
from sunshine.core.workflow import WorkflowError

PREFIX = "submissions"
ACK_WINDOW = 60 * 60  # one acknowledgement an hour to an address not confirmed
CONFIRM_PARAM = "confirm"  # in the private links of the messages: proves the message arrived
SALT = "sunshine.core.submissions.confirm"


class TooManySubmissions(WorkflowError):
    """429 ``too_many_submissions``: the address or a contact has sent its share for the window."""

    def __init__(self, refusal: Refusal) -> None:
        minutes = max(1, -(-refusal.retry_after // 60))
        message = _(
            "Many applications or letters have come from your connection or with these contact details "
            "recently. Nothing was sent: please send it again in %(minutes)d minutes."
        ) % {"minutes": minutes}
        super().__init__(429, "too_many_submissions", message)
        self.retry_after = refusal.retry_after


def normalize_contact(contact: str) -> str:
    """An e-mail address lower-cased; a phone number's digits without the country code 86."""
    text = (contact or "").strip()
    if "@" in text:
        return text.lower()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _window() -> int:
    return int(settings.SUNSHINE_SUBMISSIONS_WINDOW)


def _keys(request: HttpRequest, contacts: Iterable[str]) -> list[tuple[str, int]]:
    address = request_ip(request) or "unknown"
    keys = [(f"{PREFIX}:ip:{_digest(address)}", int(settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS))]
    per_contact = int(settings.SUNSHINE_SUBMISSIONS_PER_CONTACT)
    normalized = sorted({normalize_contact(c) for c in contacts} - {""})
    keys += [(f"{PREFIX}:contact:{_digest(c)}", per_contact) for c in normalized]
    return keys


def check(request: HttpRequest, contacts: Iterable[str]) -> None:
    """``TooManySubmissions`` when the address or one of the contacts has sent its share."""
    refused = shut(_keys(request, contacts), _window())
    if refused is not None:
        raise TooManySubmissions(refused)


def count(request: HttpRequest, contacts: Iterable[str]) -> None:
    """Count a submission that was stored."""
    count_in(_keys(request, contacts), _window())


def _days() -> int:
    return int(settings.SUNSHINE_CONFIRMED_CONTACT_DAYS)


def _confirmed_key(digest: str) -> str:
    return f"{PREFIX}:confirmed:{digest}"


def with_confirmation(url: str, contact: str) -> str:
    """``url`` (a private link in a message to ``contact``) with a signed mark of the contact: opening
    it confirms the contact (``confirm_from``). Only the message carries the mark."""
    normalized = normalize_contact(contact)
    if not normalized:
        return url
    token = signing.dumps(_digest(normalized), salt=SALT)
    return f"{url}{'&' if '?' in url else '?'}{urlencode({CONFIRM_PARAM: token})}"


def confirm_from(request: HttpRequest) -> bool:
    """Confirm the contact whose mark the opened private link carries (if it is valid and not older
    than ``SUNSHINE_CONFIRMED_CONTACT_DAYS``); whether one was."""
    token = request.GET.get(CONFIRM_PARAM, "")
    if not token:
        return False
    try:
        digest = signing.loads(token, salt=SALT, max_age=_days() * 24 * 60 * 60)
    except signing.BadSignature:
        return False
    cache.set(_confirmed_key(str(digest)), 1, _days() * 24 * 60 * 60)
    return True


def is_confirmed(contact: str) -> bool:
    normalized = normalize_contact(contact)
    return bool(normalized) and cache.get(_confirmed_key(_digest(normalized))) is not None


def may_acknowledge(contact: str) -> bool:
    """Whether an acknowledgement may go to ``contact`` now: it is confirmed, or none went there in
    the last hour (this one is then counted)."""
    normalized = normalize_contact(contact)
    if not normalized:
        return False
    if is_confirmed(contact):
        return True
    return bool(cache.add(f"{PREFIX}:ack:{_digest(normalized)}", 1, ACK_WINDOW))
