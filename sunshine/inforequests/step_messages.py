"""Messages to the applicant at each step of their request that concerns them (docs/portal.md,
Following a request): receipt confirmed by staff, correction requested (with its items and period) or
received, a consultation ended (the due date moves), an extension (with its reason and new date), a
fee notice, its payment or the applicant's declining it, the reply, a withdrawal, a closure. By
e-mail, or by text message when the applicant gave a phone and no e-mail, in the language they
applied in, with the private link.

``plan`` writes one ``Notification`` a channel inside the step's transaction, so a step is never
left untold; ``deliver`` composes and sends it after the commit (the ``send_notification`` task) and
records the outcome; ``retry`` sends again what failed (``manage.py send_notifications``)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from sunshine.core import notices
from sunshine.core.notices import Composed
from sunshine.core.request_context import site_url
from sunshine.inforequests import access
from sunshine.inforequests.codes import OPEN_STATUSES
from sunshine.inforequests.models import InfoRequest, Notification, RequestEvent

# The steps the applicant is told of. The receipt recorded automatically at submission is not: the
# submission's own e-mail says it.
TOLD_STEPS = frozenset(
    {
        "confirm_receipt",
        "request_correction",
        "receive_correction",
        "correction_overdue",
        "end_consultation",
        "extend",
        "reply",
        "withdraw",
        "notify_fee",
        "record_fee_payment",
        "fee_unpaid",
        "decline_fee",
    }
)
MAX_ATTEMPTS = notices.MAX_ATTEMPTS


def channels_of(request: InfoRequest) -> list[str]:
    if request.applicant_email:
        return [Notification.Channel.EMAIL]
    if request.applicant_phone:
        return [Notification.Channel.SMS]
    return []


def plan(request: InfoRequest, event: RequestEvent) -> list[Notification]:
    """The messages ``event`` calls for, written in the current transaction (none for a step the
    applicant is not told of, or for an applicant who gave neither e-mail nor phone)."""
    if event.action not in TOLD_STEPS or (event.data or {}).get("automatic"):
        return []
    return [
        Notification.objects.create(request=request, event=event, channel=c) for c in channels_of(request)
    ]


def link_for(request: InfoRequest, base_url: str | None = None) -> str:
    base = settings.SUNSHINE_SITE_URL if base_url is None else base_url
    return f"{base}{access.private_path(request)}"


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value is not None else ""


def compose(notification: Notification, base_url: str | None = None) -> Composed:
    """The message, in the language the applicant applied in."""
    from sunshine.inforequests.actions import texts_of

    request = notification.request
    event = notification.event
    with translation.override(request.language or settings.LANGUAGE_CODE):
        action = event.action if event is not None else ""
        data = (event.data or {}) if event is not None else {}
        texts = texts_of(action)
        what = texts.public_line(data) if texts is not None else ""
        step = str(texts.history) if texts is not None else ""
        link = link_for(request, base_url)
        lines = [
            _("News of your application %(code)s to %(agency)s:")
            % {
                "code": request.tracking_code,
                "agency": request.agency.display_name,
            },
            "",
            what,
        ]
        if action == "request_correction" and request.correction_items:
            lines += ["", _("What to correct:"), *(f"- {item}" for item in request.correction_items)]
            lines.append(_("Correct by: %(date)s") % {"date": _day(request.correction_due)})
            lines.append(
                _(
                    "Answer it on your request's page (the link below), or send the correction to the "
                    "agency's disclosure office, by the date above."
                )
            )
        if action == "reply" and data.get("files"):
            lines += ["", _("Files sent with the reply (download them from your request's page):")]
            lines += [f"- {f.get('name', '')}" for f in data["files"]]
        if action == "reply" and data.get("records"):
            lines += ["", _("Published information the reply points you to (index numbers):")]
            lines += [f"- {n}" for n in data["records"]]
        if action == "extend" and request.extension_reason:
            lines.append(_("Reason: %(reason)s") % {"reason": request.extension_reason})
        if request.status in OPEN_STATUSES and request.due_date is not None:
            due = _("The agency must reply by: %(date)s") % {"date": _day(request.due_date)}
            if request.due_date_provisional:
                due += " " + _("(provisional: the official calendar of that year is not published yet)")
            lines.append(due)
        lines += [
            "",
            _("Your request's page: %(url)s") % {"url": link},
            _("This private link opens your request without the key: do not pass it on."),
            "",
            settings.SITE_NAME,
        ]
        subject = _("Your application %(code)s: %(step)s") % {"code": request.tracking_code, "step": step}
        short = _("%(site)s: application %(code)s. %(what)s %(url)s") % {
            "site": settings.SITE_NAME,
            "code": request.tracking_code,
            "what": what,
            "url": link,
        }
    return Composed(subject=subject, body="\n".join(lines) + "\n", short=short)


def _address(notification: Notification) -> str:
    request = notification.request
    return (
        request.applicant_email
        if notification.channel == Notification.Channel.EMAIL
        else request.applicant_phone
    )


def deliver(notification_id: int, base_url: str | None = None) -> bool:
    """Send one planned message and record the outcome (``core.notices.deliver``); True when it went
    out. A failed send is recorded and ``retry`` sends it again."""
    return notices.deliver(
        Notification,
        notification_id,
        related=("request", "request__agency", "event"),
        compose=lambda n: compose(n, base_url),
        address=_address,
    )


def due_for_retry() -> QuerySet[Notification]:
    """Messages not sent yet: failed ones with attempts left, and pending ones the queue did not
    take (older than a few minutes)."""
    return notices.due_for_retry(Notification)


def retry(base_url: str | None = None) -> dict[str, int]:
    return notices.retry(Notification, lambda pk: deliver(pk, base_url))


def enqueue(notifications: list[Notification]) -> None:
    """Hand the messages to the task queue (call after the commit), with the address of the site the
    step was taken on for their links (else ``SUNSHINE_SITE_URL``)."""
    from sunshine.inforequests.tasks import send_notification

    base_url = site_url() or None
    for notification in notifications:
        send_notification.enqueue(notification.pk, base_url)
