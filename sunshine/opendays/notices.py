"""The e-mails of open days, through the project's mail sending (``core.messaging.send_email``):
the registration (confirmed or waiting), a move up from the waiting list, the cancellation of the
event, and the reminder the day before. Sent after the commit; a failure is logged, never raised
(the reminder is tried again on the next run: it is marked sent only when it went out)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core.messaging import SendFailed, send_email
from sunshine.core.request_context import site_url
from sunshine.opendays.models import Registration

log = logging.getLogger(__name__)


def _base() -> str:
    return (site_url() or getattr(settings, "SUNSHINE_SITE_URL", "") or "").rstrip("/")


def cancel_link(registration: Registration, key: str) -> str:
    return _base() + reverse("open_days:cancel", args=[registration.pk, key])


def _event_lines(registration: Registration) -> list[str]:
    event = registration.event
    when = timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M")
    return [
        event.title,
        _("When: %(when)s") % {"when": when},
        _("Where: %(place)s") % {"place": event.place},
        _("People: %(n)s") % {"n": registration.people},
    ]


def _send(registration: Registration, subject: str, lines: list[str]) -> bool:
    body = "\n".join([*lines, "", settings.SITE_NAME]) + "\n"
    try:
        send_email(registration.email, subject, body)
    except SendFailed as exc:
        log.warning("Open day e-mail to registration %s not sent: %s", registration.pk, exc)
        return False
    return True


def registered(registration: Registration, key: str) -> bool:
    if registration.status == "waiting":
        subject = _("On the waiting list: %(title)s") % {"title": registration.event.title}
        head = _("The places are taken: you are on the waiting list. We write again if a place frees up.")
    else:
        subject = _("Registration confirmed: %(title)s") % {"title": registration.event.title}
        head = _("Your place is confirmed.")
    link = _("To cancel: %(url)s") % {"url": cancel_link(registration, key)}
    return _send(registration, subject, [head, "", *_event_lines(registration), "", link])


def moved_up(registration: Registration) -> bool:
    subject = _("A place for you: %(title)s") % {"title": registration.event.title}
    head = _("Someone cancelled: your registration on the waiting list is now confirmed.")
    return _send(registration, subject, [head, "", *_event_lines(registration)])


def event_cancelled(registration: Registration) -> bool:
    event = registration.event
    subject = _("Cancelled: %(title)s") % {"title": event.title}
    lines = [_("The agency cancelled this open day."), event.cancel_reason, "", *_event_lines(registration)]
    return _send(registration, subject, lines)


def reminder(registration: Registration) -> bool:
    subject = _("Tomorrow: %(title)s") % {"title": registration.event.title}
    head = _("A reminder of the open day you registered for.")
    return _send(registration, subject, [head, "", *_event_lines(registration)])
