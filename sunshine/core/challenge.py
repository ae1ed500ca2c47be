"""A question a person answers easily, asked by the public forms once an address comes near its brake
(docs/letters.md#the-question): a small sum in the reader's language, in text (no image), made and
checked here — nothing is fetched from anyone.

The question travels as ``challenge_id``: its purpose (which form), a random nonce and a keyed hash
of the answer, signed with the site's secret and timestamped (``django.core.signing``), so the
answer is not readable from it and it expires after ``SUNSHINE_CHALLENGE_MAX_AGE`` seconds. Each
one is answered once: the first try, right or wrong, uses it up (its nonce is kept in the cache
for its lifetime), and a wrong answer is met with a new question.

A :class:`Gate` ties a form to the address counter of its brake (``core.throttle.AddressCounter``):
once the address has counted ``SUNSHINE_CHALLENGE_AFTER`` in the window, the page shows the
question (``Gate.for_page`` / ``Gate.check_page``, the template ``core/_challenge.html``) and the
API answers 428 ``challenge_required`` with ``challenge_id`` and ``question`` in ``fields``
(``Gate.require``); the answer comes in the body (``challenge_id``, ``challenge_answer``) or in the
headers ``X-Challenge-Id`` and ``X-Challenge-Answer``.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError

SALT = "sunshine.core.challenge"
ID_FIELD, ANSWER_FIELD = "challenge_id", "challenge_answer"
ID_HEADER, ANSWER_HEADER = "X-Challenge-Id", "X-Challenge-Answer"


@dataclass(frozen=True)
class Challenge:
    """A question to show: ``id`` goes back with the answer; ``error`` says why it is asked again."""

    id: str
    question: str
    error: str = ""


def _max_age() -> int:
    return int(getattr(settings, "SUNSHINE_CHALLENGE_MAX_AGE", 30 * 60))


def _digest(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()[:24]


def issue(purpose: str) -> Challenge:
    """A new question for the form ``purpose``: a sum or a difference of two small numbers."""
    a, b = 10 + secrets.randbelow(40), 1 + secrets.randbelow(9)
    if secrets.randbelow(2):
        answer, question = a + b, _("How much is %(a)s plus %(b)s? Answer with a number.") % {"a": a, "b": b}
    else:
        answer, question = a - b, _("How much is %(a)s minus %(b)s? Answer with a number.") % {"a": a, "b": b}
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"p": purpose, "n": nonce, "h": _digest(nonce, answer)}, salt=SALT)
    return Challenge(token, question)


def _number(answer: str) -> int | None:
    text = "".join(unicodedata.normalize("NFKC", answer or "").split())
    try:
        return int(text)
    except ValueError:
        return None


def verify(purpose: str, challenge_id: str | None, answer: str | None) -> bool:
    """Whether ``answer`` answers the question ``challenge_id`` of ``purpose``, not expired and not
    answered before. Every try uses the question up."""
    if not challenge_id:
        return False
    try:
        data = signing.loads(challenge_id, salt=SALT, max_age=_max_age())
    except signing.BadSignature:  # expired too
        return False
    if not isinstance(data, dict) or data.get("p") != purpose:
        return False
    nonce = str(data.get("n", ""))
    if not nonce or not cache.add(f"challenge:used:{nonce}", 1, _max_age()):
        return False
    number = _number(answer or "")
    return number is not None and constant_time_compare(_digest(nonce, number), str(data.get("h", "")))


def answer_from(
    request: HttpRequest, challenge_id: str | None = None, answer: str | None = None
) -> tuple[str | None, str | None]:
    """The id and answer given in the body, else in the headers."""
    return (
        challenge_id or request.headers.get(ID_HEADER),
        answer if answer is not None else request.headers.get(ANSWER_HEADER),
    )


@dataclass(frozen=True)
class Gate:
    """Asks the question of an address whose ``counter`` has counted ``after`` or more (the setting
    ``SUNSHINE_CHALLENGE_AFTER`` when None) in its window."""

    purpose: str
    counter: AddressCounter
    after: int | None = None

    def needed(self, request: HttpRequest) -> bool:
        after = (
            self.after if self.after is not None else int(getattr(settings, "SUNSHINE_CHALLENGE_AFTER", 3))
        )
        return self.counter.value(request) >= after

    def require(
        self, request: HttpRequest, challenge_id: str | None = None, answer: str | None = None
    ) -> None:
        """For the API: nothing when no question is needed or it is answered; else 428
        ``challenge_required`` with a new question in ``fields`` (``challenge_id``, ``question``)."""
        if not self.needed(request):
            return
        given_id, given_answer = answer_from(request, challenge_id, answer)
        if verify(self.purpose, given_id, given_answer):
            return
        fresh = issue(self.purpose)
        message = (
            _("The answer to the question was not right. Answer the new question and send again.")
            if given_id
            else _("Many messages came from your connection. Answer the question and send again.")
        )
        raise WorkflowError(
            428, "challenge_required", message, {"challenge_id": fresh.id, "question": fresh.question}
        )

    def for_page(self, request: HttpRequest) -> Challenge | None:
        """The question a page shows with its form, if the address needs one."""
        return issue(self.purpose) if self.needed(request) else None

    def check_page(self, request: HttpRequest, data: Mapping[str, str]) -> tuple[bool, Challenge | None]:
        """For a page's POST: whether it may go on, and else the new question to show with why."""
        if not self.needed(request):
            return True, None
        given = data.get(ID_FIELD, "")
        if verify(self.purpose, given, data.get(ANSWER_FIELD, "")):
            return True, None
        fresh = issue(self.purpose)
        error = (
            _("The answer was not right. Please answer this new question.")
            if given and data.get(ANSWER_FIELD, "").strip()
            else _("Answer the question below, so we know a person is writing.")
        )
        return False, Challenge(fresh.id, fresh.question, error)
