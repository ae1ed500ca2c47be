"""What the system notices by itself on a letter's arrival (docs/letters.md#moderation): a probable
duplicate of an earlier letter of the same writer, and abusive words.

- **Same writer**: the same phone (digits only, without the country code 86) or the same e-mail
  (lower case), kept normalized on the letter (``contact_phone``, ``contact_email``, indexed).
- **Similar text**: the Jaccard index of the sets of two-character shingles of subject and letter
  (letters and digits only, NFKC, case folded) at least ``SUNSHINE_LETTERS_DUPLICATE_SIMILARITY``
  (0.8), to a letter of the same agency received in the last ``SUNSHINE_LETTERS_DUPLICATE_DAYS`` (30).
- **Abusive**: one of the words of ``SUNSHINE_LETTERS_ABUSIVE_WORDS`` in subject or letter.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from sunshine.letters.models import Letter

# The most recent letters of the same writer compared with a new one: the bound on the work.
MAX_CANDIDATES = 50
SHINGLE = 2


def normalize_phone(phone: str) -> str:
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def normalize_email(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def shingles(text: str) -> frozenset[str]:
    plain = _plain(text)
    if len(plain) <= SHINGLE:
        return frozenset({plain}) if plain else frozenset()
    return frozenset(plain[i : i + SHINGLE] for i in range(len(plain) - SHINGLE + 1))


def similarity(a: str, b: str) -> float:
    """The Jaccard index of the two texts' shingles: 1.0 the same text, 0.0 nothing in common."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def text_of(letter: Letter) -> str:
    return f"{letter.subject}\n{letter.body}"


def same_writer(letter: Letter) -> Q | None:
    """The letters of the same writer, by phone or e-mail; None without either."""
    found = Q()
    if letter.contact_phone:
        found |= Q(contact_phone=letter.contact_phone)
    if letter.contact_email:
        found |= Q(contact_email=letter.contact_email)
    return found or None


@dataclass(frozen=True)
class Match:
    original: Letter
    score: float


def probable_original(letter: Letter) -> Match | None:
    """The earlier letter of the same writer to the same agency, in the window, whose text is the
    most similar, if it reaches the threshold. Where that letter is itself a duplicate, its original."""
    writer = same_writer(letter)
    if writer is None:
        return None
    since = letter.received_on - datetime.timedelta(days=settings.SUNSHINE_LETTERS_DUPLICATE_DAYS)
    candidates = (
        Letter.objects.filter(writer, agency_id=letter.agency_id, received_on__gte=since)
        .exclude(pk=letter.pk)
        .select_related("duplicate_of")
        .order_by("-received_on", "-id")[:MAX_CANDIDATES]
    )
    text = text_of(letter)
    best: Match | None = None
    for candidate in candidates:
        score = similarity(text, text_of(candidate))
        if best is None or score > best.score:
            best = Match(candidate, score)
    if best is None or best.score < settings.SUNSHINE_LETTERS_DUPLICATE_SIMILARITY:
        return None
    original = best.original
    if original.flag == "duplicate" and original.duplicate_of is not None:
        original = original.duplicate_of
    return Match(original, best.score)


def abusive_words(text: str) -> list[str]:
    """The words of the configured list the text holds (spaces and punctuation between letters
    do not hide one)."""
    plain = _plain(text)
    return [
        word for word in settings.SUNSHINE_LETTERS_ABUSIVE_WORDS if _plain(word) and _plain(word) in plain
    ]
