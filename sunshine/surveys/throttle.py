"""A brake on floods of responses: at most ``LIMIT`` responses from one address in ``WINDOW_SECONDS``
(the pattern of ``solicitations.throttle``), keyed on a hash of the address."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.challenge import Gate
from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError

LIMIT = 10
WINDOW_SECONDS = 10 * 60

COUNTER = AddressCounter("surveys:responses", LIMIT, WINDOW_SECONDS)


def check(request: HttpRequest) -> None:
    """429 when the address has sent its share of responses in the window."""
    if COUNTER.reached(request):
        raise WorkflowError(
            429,
            "too_many_responses",
            _("Many answers came from your connection in a short time. Please try again in ten minutes."),
        )


def count(request: HttpRequest) -> None:
    COUNTER.count(request)


def gate() -> Gate:
    """The question the survey form asks once the address has sent a few (``core.challenge``)."""
    return Gate("surveys.response", COUNTER)
