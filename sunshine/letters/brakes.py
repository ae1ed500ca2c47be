"""The brakes on new letters sent online (docs/letters.md#brakes), for the API and the form alike:

- at most ``SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR`` letters from one address in an hour (a count in
  the cache, ``core.throttle.AddressCounter``);
- at most ``SUNSHINE_LETTERS_PER_CONTACT_PER_DAY`` letters from one phone or e-mail (normalized) in
  the last 24 hours (counted on the stored letters, by the indexed contact);
- past ``SUNSHINE_CHALLENGE_AFTER`` letters from the address in the hour, a question to answer
  (``core.challenge``).

Over a limit: 429 ``too_many_letters``, and nothing is stored. Staff registering letters are not
braked."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core.challenge import Gate
from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError
from sunshine.letters import duplicates
from sunshine.letters.codes import Channel
from sunshine.letters.models import Letter
from sunshine.letters.services import Writer

WINDOW_SECONDS = 60 * 60
CHALLENGE_PURPOSE = "letters.write"


def address_counter() -> AddressCounter:
    return AddressCounter("letters:new", settings.SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR, WINDOW_SECONDS)


def gate() -> Gate:
    return Gate(CHALLENGE_PURPOSE, address_counter())


def letters_of_contact(writer: Writer, since: datetime.datetime) -> int:
    """Letters sent online since ``since`` from the writer's phone or e-mail (both indexed)."""
    phone, email = duplicates.normalize_phone(writer.phone), duplicates.normalize_email(writer.email)
    contact = Q()
    if phone:
        contact |= Q(contact_phone=phone)
    if email:
        contact |= Q(contact_email=email)
    if not contact:
        return 0
    return Letter.objects.filter(contact, channel=Channel.ONLINE, submitted_at__gte=since).count()


def check(request: HttpRequest, writer: Writer) -> None:
    """429 ``too_many_letters`` when the address or the contact has sent its share."""
    if address_counter().reached(request):
        raise WorkflowError(
            429,
            "too_many_letters",
            _("Many letters have come from your connection in the last hour. Please try again in an hour."),
        )
    since = timezone.now() - datetime.timedelta(days=1)
    if letters_of_contact(writer, since) >= settings.SUNSHINE_LETTERS_PER_CONTACT_PER_DAY:
        raise WorkflowError(
            429,
            "too_many_letters",
            _(
                "Many letters have come from this phone number or e-mail address today. Please try again "
                "tomorrow, or follow your letters with their tracking codes."
            ),
        )


def count(request: HttpRequest) -> None:
    address_counter().count(request)


def guard(
    request: HttpRequest, writer: Writer, challenge_id: str | None = None, answer: str | None = None
) -> None:
    """For the API: the limits (429), then the question once the address is near its limit (428)."""
    check(request, writer)
    gate().require(request, challenge_id, answer)
