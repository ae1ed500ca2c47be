"""The writer's word on the reply: a rating (``satisfied``, ``basically_satisfied``, ``dissatisfied``)
with an optional comment, once per reply, and, after a dissatisfied rating, reopening the letter once.

The writer acts anonymously with the access key; each change is one transaction with a history event
and an audit row (``letter.rate``, ``letter.reopen``). Reopening sends the letter back to ``accepted``
with a new reply period from the day of reopening (that day not counted), as a transfer restarts the
clock (``clock``); the earlier reply is kept in the history event."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.letters.clock import period_for, recompute_due
from sunshine.letters.codes import ANSWERED_STATUSES, Rating, Status
from sunshine.letters.events import record_event, snapshot
from sunshine.letters.models import Letter, LetterRating
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.errors import calendar_error

__all__ = ["MAX_COMMENT", "current_rating", "may_rate", "may_reopen", "rate_reply", "reopen_letter"]

MAX_COMMENT = 1000


def current_round(letter: Letter) -> int:
    """0 for the first reply, 1 for the reply after reopening."""
    return 1 if letter.reopened_on is not None else 0


def current_rating(letter: Letter) -> LetterRating | None:
    """The rating of the letter's current reply, if given."""
    return letter.ratings.filter(round=current_round(letter)).first()


def last_rating(letter: Letter) -> LetterRating | None:
    """The writer's latest rating, of whichever reply (what the office reads)."""
    return letter.ratings.order_by("-round").first()


def may_rate(letter: Letter) -> bool:
    return (
        letter.status in ANSWERED_STATUSES
        and letter.replied_on is not None
        and current_rating(letter) is None
    )


def may_reopen(letter: Letter) -> bool:
    if letter.reopened_on is not None or letter.status not in ANSWERED_STATUSES:
        return False
    rating = current_rating(letter)
    return rating is not None and rating.rating == Rating.DISSATISFIED


def _not_replied() -> WorkflowError:
    return WorkflowError(409, "not_replied", _("Only a reply can be rated, once the agency has replied."))


@transaction.atomic
def rate_reply(
    *, letter: Letter, rating: object, comment: str = "", today: datetime.date | None = None
) -> Letter:
    """The writer's rating of the current reply; 409 ``already_rated`` for a second rating of it."""
    letter = Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)
    today = today or timezone.localdate()
    if letter.status not in ANSWERED_STATUSES or letter.replied_on is None:
        raise _not_replied()
    comment = (comment or "").strip()
    errors: dict[str, str] = {}
    if not isinstance(rating, str) or rating not in Rating.values:
        errors["rating"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Rating.values)}
    if len(comment) > MAX_COMMENT:
        errors["comment"] = _("Enter at most %(n)s characters.") % {"n": MAX_COMMENT}
    if errors:
        raise invalid(errors)
    assert isinstance(rating, str)
    if current_rating(letter) is not None:
        raise WorkflowError(409, "already_rated", _("This reply has already been rated."))
    given = LetterRating.objects.create(
        letter=letter, round=current_round(letter), rating=rating, comment=comment, rated_on=today
    )
    record_event(letter, "rate", today, None, rating=rating, comment=comment, round=given.round)
    audit.record(
        actor=None,
        action="letter.rate",
        obj=letter,
        after={"rating": rating, "comment": comment, "round": given.round},
        agency=letter.agency,
    )
    return letter


@transaction.atomic
def reopen_letter(*, letter: Letter, today: datetime.date | None = None) -> Letter:
    """Back to ``accepted`` with a new reply period from ``today``; once per letter, after a
    dissatisfied rating of the reply. 409 ``already_reopened`` the second time, ``not_replied`` before
    a reply, ``not_dissatisfied`` without a dissatisfied rating of the current reply."""
    letter = Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)
    today = today or timezone.localdate()
    if letter.reopened_on is not None:
        raise WorkflowError(409, "already_reopened", _("A letter can be reopened only once."))
    if letter.status not in ANSWERED_STATUSES or letter.replied_on is None:
        raise WorkflowError(409, "not_replied", _("Only a replied letter can be reopened."))
    rating = current_rating(letter)
    if rating is None or rating.rating != Rating.DISSATISFIED:
        raise WorkflowError(
            409, "not_dissatisfied", _("A letter can be reopened only after rating its reply dissatisfied.")
        )
    before = snapshot(letter)
    previous = {"previous_reply": letter.reply_text, "previous_replied_on": letter.replied_on}
    letter.status = Status.ACCEPTED
    letter.reopened_on = today
    letter.clock_start = today
    letter.period_working_days = period_for(letter.agency, letter.kind)
    letter.extension_days, letter.extension_reason, letter.extension_approver = 0, "", None
    letter.concluded_on = None
    letter.reply_text, letter.replied_on, letter.reply_published = "", None, False
    try:
        recompute_due(letter)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    letter.save()
    record_event(letter, "reopen", today, None, **previous)
    audit.record(
        actor=None,
        action="letter.reopen",
        obj=letter,
        before=before,
        after=snapshot(letter),
        agency=letter.agency,
    )
    return letter
