"""E-mails to the writer at each step of their letter that concerns them (docs/letters.md#notices):
accepted, transferred, returned, information asked for, the period extended, the reply, closed. Only
to a writer who gave an e-mail address, in the language they wrote in, with the tracking code and
the address of the follow page; never the access key (the writer got it once, when writing).

The mechanism is the one of requests (``core.notices``): ``plan`` writes one ``LetterNotice`` inside
the step's transaction (the workflow's ``event`` hook), ``enqueue`` hands it to the task queue after
the commit (the ``notify`` hook), ``deliver`` composes and sends it, ``retry`` sends again what
failed (``manage.py send_notifications``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sunshine.core import notices
from sunshine.core.notices import Composed
from sunshine.core.request_context import site_url
from sunshine.letters.codes import OPEN_STATUSES
from sunshine.letters.models import Letter, LetterEvent, LetterNotice

# The steps the writer is told of (the writer's own answer and the supervision are not).
TOLD_STEPS = frozenset({"accept", "transfer", "return", "request_info", "extend", "reply", "close"})


def plan(letter: Letter, event: LetterEvent) -> list[LetterNotice]:
    """The e-mail ``event`` calls for, written in the current transaction: none for a step the
    writer is not told of, or for a writer who gave no e-mail address."""
    if event.action not in TOLD_STEPS or not letter.writer_email:
        return []
    return [LetterNotice.objects.create(letter=letter, event=event, channel=LetterNotice.Channel.EMAIL)]


def follow_link(base_url: str | None = None) -> str:
    base = settings.SUNSHINE_SITE_URL if base_url is None else base_url
    return f"{base}{reverse('letters:follow')}"


def compose(notice: LetterNotice, base_url: str | None = None) -> Composed:
    """The message, in the language the writer wrote in."""
    from sunshine.letters.actions import texts_of

    letter, event = notice.letter, notice.event
    with translation.override(letter.language or settings.LANGUAGE_CODE):
        texts = texts_of(event.action)
        what = texts.public_line(event.data or {}) if texts is not None else ""
        step = str(texts.history) if texts is not None else ""
        lines = [
            _("News of your letter %(code)s to %(agency)s:")
            % {"code": letter.tracking_code, "agency": letter.agency.display_name},
            "",
            what,
        ]
        if event.action == "request_info" and letter.info_items:
            lines += [
                "",
                _("What the agency asks for:"),
                *(f"- {item}" for item in letter.info_items),
                _("Answer it on your letter's page (the address below)."),
            ]
        if event.action == "extend" and letter.extension_reason:
            lines.append(_("Reason: %(reason)s") % {"reason": letter.extension_reason})
        if event.action == "reply":
            lines.append(_("Read the reply on your letter's page (the address below)."))
        if letter.status in OPEN_STATUSES and letter.due_date is not None:
            due = _("The agency must reply by: %(date)s") % {"date": letter.due_date.isoformat()}
            if letter.due_date_provisional:
                due += " " + _("(provisional: the official calendar of that year is not published yet)")
            lines.append(due)
        link = follow_link(base_url)
        lines += [
            "",
            _("Letter's tracking code: %(code)s") % {"code": letter.tracking_code},
            _(
                "Follow your letter at %(url)s with the tracking code and the access key you received "
                "when writing."
            )
            % {"url": link},
            "",
            settings.SITE_NAME,
        ]
        subject = _("Your letter %(code)s: %(step)s") % {"code": letter.tracking_code, "step": step}
        short = f"{settings.SITE_NAME}: {letter.tracking_code}. {what} {link}"
    return Composed(subject=subject, body="\n".join(lines) + "\n", short=short)


def _address(notice: LetterNotice) -> str:
    return (
        notice.letter.writer_email
        if notice.channel == LetterNotice.Channel.EMAIL
        else notice.letter.writer_phone
    )


def deliver(notice_id: int, base_url: str | None = None) -> bool:
    """Send one planned e-mail and record the outcome; True when it went out."""
    return notices.deliver(
        LetterNotice,
        notice_id,
        related=("letter", "letter__agency", "event"),
        compose=lambda n: compose(n, base_url),
        address=_address,
    )


def due_for_retry() -> QuerySet[LetterNotice]:
    return notices.due_for_retry(LetterNotice)


def retry(base_url: str | None = None) -> dict[str, int]:
    return notices.retry(LetterNotice, lambda pk: deliver(pk, base_url))


def enqueue(planned: list[LetterNotice]) -> None:
    """Hand the e-mails to the task queue (after the commit), with the address of the site the step
    was taken on for their links (else ``SUNSHINE_SITE_URL``)."""
    from sunshine.letters.tasks import send_letter_notice

    base_url = site_url() or None
    for notice in planned:
        send_letter_notice.enqueue(notice.pk, base_url)
