"""Letters as the API shows them: to staff, and to the writer (in words, without staff names)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sunshine.letters.actions import texts_of
from sunshine.letters.clock import Thresholds, current_thresholds, state_of
from sunshine.letters.feedback import current_rating, last_rating, may_rate, may_reopen
from sunshine.letters.models import Letter, LetterRating
from sunshine.letters.red_mark import is_red


def letter_data(letter: Letter, limits: Thresholds | None = None) -> dict[str, Any]:
    limits = limits or current_thresholds()
    return {
        "id": letter.pk,
        "tracking_code": letter.tracking_code,
        "agency": letter.agency.code,
        "addressed_to": letter.addressed_to.code,
        "kind": letter.kind,
        "channel": letter.channel,
        "subject": letter.subject,
        "status": letter.status,
        "received_on": letter.received_on,
        "due_date": letter.due_date,
        "due_date_provisional": letter.due_date_provisional,
        "state": state_of(letter.status, letter.due_date, limits),
        "supervision_due_on": letter.supervision_due_on,
        "red_mark": is_red(letter.status, letter.received_on, limits.today),
    }


def staff_letter_data(letter: Letter, *, permitted_actions: list[str], read_only: bool) -> dict[str, Any]:
    events = []
    for event in letter.events.select_related("by").order_by("date", "id"):
        texts = texts_of(event.action)
        events.append(
            {
                "action": event.action,
                "date": event.date,
                "text": str(texts.history) if texts is not None else event.action,
                "by": event.by.get_username() if event.by is not None else None,
                "data": event.data,
            }
        )
    return {
        **letter_data(letter),
        "body": letter.body,
        "publish_consent": letter.publish_consent,
        "writer": {"name": letter.writer_name, "phone": letter.writer_phone, "email": letter.writer_email},
        "period_working_days": letter.period_working_days,
        "extension_days": letter.extension_days,
        "reply": _reply(letter),
        "events": events,
        "permitted_actions": permitted_actions,
        "read_only": read_only,
        "rating": rating_data(last_rating(letter)),
        "reopened_on": letter.reopened_on,
        "flag": letter.flag,
        "flag_reason": letter.flag_reason,
        "duplicate_of": letter.duplicate_of.tracking_code if letter.duplicate_of is not None else None,
    }


def rating_data(rating: LetterRating | None) -> dict[str, Any] | None:
    """The writer's rating of a reply; ``after_reopening`` for the reply after the letter was reopened."""
    if rating is None:
        return None
    return {
        "rating": rating.rating,
        "label": str(rating.get_rating_display()),
        "comment": rating.comment,
        "rated_on": rating.rated_on,
        "after_reopening": rating.round > 0,
    }


def _reply(letter: Letter) -> dict[str, Any] | None:
    if letter.replied_on is None:
        return None
    return {"text": letter.reply_text, "date": letter.replied_on, "published": letter.reply_published}


def writer_letter_data(letter: Letter) -> dict[str, Any]:
    """What the writer reads: the status, the due date, the history in words and the reply."""
    events = []
    for event in letter.events.order_by("date", "id"):
        texts = texts_of(event.action)
        events.append(
            {"date": event.date, "text": texts.public_line(event.data) if texts else _("Step recorded")}
        )
    return {
        "tracking_code": letter.tracking_code,
        "agency": letter.agency.code,
        "agency_name": letter.agency.name,
        "kind": letter.kind,
        "subject": letter.subject,
        "status": letter.status,
        "status_label": letter.get_status_display(),
        "received_on": letter.received_on,
        "due_date": letter.due_date,
        "due_date_provisional": letter.due_date_provisional,
        "info_items": letter.info_items if letter.status == "awaiting_info" else [],
        "events": events,
        "reply": _reply(letter),
        "rating": rating_data(current_rating(letter)),
        "may_rate": may_rate(letter),
        "may_reopen": may_reopen(letter),
        "reopened_on": letter.reopened_on,
    }
