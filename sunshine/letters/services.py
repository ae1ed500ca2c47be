"""State changes of letters: submission, registration by staff and every action, each one
transaction with an audit row. Due dates come from the working-day clock (``clock``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import invalid
from sunshine.inforequests.services import applicant_language
from sunshine.letters import access, moderation, selectors
from sunshine.letters.actions import WORKFLOW
from sunshine.letters.clock import online_receipt_day, period_for, recompute_due
from sunshine.letters.codes import Channel, Kind
from sunshine.letters.events import record_event, snapshot
from sunshine.letters.models import Letter
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished
from sunshine.workdays.errors import calendar_error

AnyUser = AbstractBaseUser | AnonymousUser

__all__ = ["Writer", "answer_info", "perform_action", "submit_letter"]


@dataclass(frozen=True)
class Writer:
    name: str
    phone: str = ""
    email: str = ""


def _errors(kind: str, subject: str, body: str, writer: Writer) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Kind.values)}
    if not subject.strip():
        errors["subject"] = _("Give the subject of the letter.")
    if not body.strip():
        errors["body"] = _("Write the letter.")
    if not writer.name.strip():
        errors["writer.name"] = _("Give your name.")
    if writer.email.strip():
        try:
            validate_email(writer.email.strip())
        except ValidationError:
            errors["writer.email"] = _("Enter a valid e-mail address.")
    if not writer.phone.strip() and not writer.email.strip():
        errors["writer.phone"] = _("Give a phone number or an e-mail address, so the agency can answer.")
    return errors


@transaction.atomic
def submit_letter(
    *,
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    writer: Writer,
    publish_consent: bool = False,
    channel: str = Channel.ONLINE,
    received_on: datetime.date | None = None,
    by: AnyUser | None = None,
    today: datetime.date | None = None,
) -> tuple[Letter, str]:
    """Store a new letter; return it with the writer's access key (shown once, never stored).

    ``agency`` is the agency addressed; the letter goes to the one that handles it
    (``selectors.handling_agency``). Online letters (``by`` None) are received the day they are sent
    if it is a working day, else on the next working day; staff give the day of receipt.
    """
    today = today or timezone.localdate()
    errors = _errors(kind, subject, body, writer)
    if received_on is not None and received_on > today:
        errors["received_on"] = _("The date cannot be in the future.")
    if errors:
        raise invalid(errors)
    try:
        if received_on is None:
            received_on = online_receipt_day(today, current_calendar())
        handler = selectors.handling_agency(agency, kind)
        letter = Letter(
            tracking_code=access.new_tracking_code(today.year),
            access_salt=access.new_salt(),
            agency=handler,
            addressed_to=agency,
            kind=kind,
            channel=channel,
            subject=subject.strip(),
            body=body.strip(),
            publish_consent=publish_consent,
            writer_name=writer.name.strip(),
            writer_phone=writer.phone.strip(),
            writer_email=writer.email.strip(),
            # Online, the language the writer used; on paper, the site's.
            language=applicant_language() if by is None else settings.LANGUAGE_CODE,
            received_on=received_on,
            clock_start=received_on,
            period_working_days=period_for(handler, kind),
            created_by=person_or_none(by),
        )
        moderation.set_contact(letter)
        letter.save()
        recompute_due(letter)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    letter.save(update_fields=["due_date", "due_date_provisional"])
    data: dict[str, Any] = {"channel": channel}
    if handler.pk != agency.pk:
        data.update(addressed_to=agency.code, addressed_name=agency.name)
    if by is None:
        record_event(letter, "submit", today, None, **data)
    else:
        record_event(letter, "register", received_on, by, **data)
    audit.record(
        actor=by,
        action="letter.register" if by is not None else "letter.submit",
        obj=letter,
        after=snapshot(letter),
        agency=handler,
    )
    moderation.flag_on_arrival(letter)  # a probable duplicate or abusive words: flagged, kept
    return letter, access.access_key_for(letter)


def perform_action(
    *,
    letter: Letter,
    action: str,
    by: AnyUser | None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> Letter:
    """Take one action on a letter (``actions.ACTIONS``) through the workflow kernel; WorkflowError
    when it is not allowed, and then nothing has changed. ``by`` None is the system or the writer."""
    return WORKFLOW.perform(letter, action, by=by, input=fields, date=date, today=today)


def answer_info(*, letter: Letter, text: str, today: datetime.date | None = None) -> Letter:
    """The writer's answer to a request for information, sent with the key: received today."""
    return WORKFLOW.perform(letter, "receive_info", by=None, input={"text": text}, today=today)
