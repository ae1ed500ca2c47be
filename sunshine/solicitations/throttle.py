"""A brake on floods of comments: at most ``LIMIT`` comments from one address in ``WINDOW_SECONDS``.

Counts live in Django's cache like the request look-up brake (``inforequests.throttle``), keyed on a
hash of the address; the window starts with the first comment.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core.challenge import Gate
from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError

LIMIT = 5
WINDOW_SECONDS = 10 * 60

COUNTER = AddressCounter("solicitations:comments", LIMIT, WINDOW_SECONDS)


def refused() -> WorkflowError:
    return WorkflowError(
        429,
        "too_many_comments",
        _("Many comments have come from your connection in a short time. Please try again in ten minutes."),
    )


def check(request: HttpRequest) -> None:
    """429 when the address has sent its share of comments in the window."""
    if COUNTER.reached(request):
        raise refused()


def count(request: HttpRequest) -> None:
    COUNTER.count(request)


def gate() -> Gate:
    """The question the comment form asks once the address has sent a few (``core.challenge``)."""
    return Gate("solicitations.comment", COUNTER)
